from tests.accounts.access_requests.procedure import (  # noqa: F401
    _english,
    asl_bari,
    bari,
    client,
    dora,
    giraffa,
    nina,
    palermo,
    pia,
    rita,
)
