"""Incidents: the events an article reports, typed, dated, counted and located."""
