"""The classification of 1522 contacts (ISTAT-aligned lists), kept as versioned data.

- `lists`: the content of version 1, as plain data, loaded by a migration.
- `services`: new versions (draft from a published one, edit the draft, publish).
- `selectors`: the current version as an immutable snapshot, and the validation of a
  contact's answers against a version.

The models are in rete.helpline.models. This package imports nothing at load time, so the
models may import its plain data.
"""
