"""Fixed keys for local development and the test suite — never for real data.

They are derived from plain, published strings so that anyone can see they protect
nothing: a development database or a test fixture encrypted with them is as good as
plain text. Production settings read the real keys from the environment, and
`rete check --deploy` refuses these ones (see rete.privacy.checks).

This module imports nothing from Django, so that settings modules can import it.
"""

import base64

# A Fernet key is 32 bytes, url-safe base64-encoded; the string is exactly 32 bytes.
DEVELOPMENT_FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(
    b"local-development-only-key-00001"
).decode("ascii")

DEVELOPMENT_PHONE_HASH_KEY = "local-development-only-phone-hash-key"
