"""minutes: the pipeline stages (load -> convert -> segment -> extract -> resolve -> store)."""

__version__ = "0.1.0"
