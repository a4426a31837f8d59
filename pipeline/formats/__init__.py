"""One converter per input format; each returns a :class:`models.records.Document`."""
