"""warta: political event data from raw news, offline, in Indonesian and English."""

__version__ = "0.1.0"
