"""The network file, `rete-network/1`: one JSON document that describes a whole network.

- `schema`: the format, its records and their fields.
- `validate`: parse and check a document, listing every error with its JSON path.
- `importer`: write a valid document into the database, idempotently.
- `exporter`: read the database back into a document.

The modules are imported one by one (not re-exported here) so that reading the schema
does not need the Django app registry.
"""
