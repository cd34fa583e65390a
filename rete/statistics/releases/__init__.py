"""The Department's screens of the release lifecycle: request a period, follow the
computation, review, publish or discard (rete.statistics.services does the work)."""
