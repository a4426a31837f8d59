"""Fetching minutes from councils' own sites: a polite HTTP client, one module per platform, and the run
that stores what they find through the ingest pipeline."""
