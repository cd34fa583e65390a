"""The Department's audit viewer in the reserved area (URLs under /area-riservata/registro/)."""
