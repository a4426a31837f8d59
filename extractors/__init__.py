"""Extractors: one module per kind of fact, each a function over a structured Document."""
