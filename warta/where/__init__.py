"""WHERE stage: an offline gazetteer and the choice of an event's place."""

from warta.where.gazetteer import Gazetteer, GazetteerError, event_place, norm

__all__ = ["Gazetteer", "GazetteerError", "event_place", "norm"]
