"""Data model: pipeline records (:mod:`models.records`) and database tables (:mod:`models.orm`)."""
