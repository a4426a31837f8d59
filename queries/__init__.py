"""The read side: one documented function per question a researcher asks of the database, returning typed
rows (``search``, ``meetings``, ``meeting``, ``resolutions``, ``people``, ``person``, ``documents``,
``indicators``). It reads the models and the search index only, never the ingest code."""
