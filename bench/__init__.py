"""`make bench`: the routing of a national-scale synthetic network, and the contact saves of the
telephony API, measured.

`python -m bench` builds the network (`bench.national_network`), times the snapshot build and
in-process decisions (`bench.in_process`), imports the network into a database and times the
Django-side snapshot (`bench.django_side`), then serves it with gunicorn as production does and
loads it with wrk (`bench.http_load`). Then it saves contacts over HTTP on a scratch PostgreSQL
database with 50 clients (`bench.contacts`), with the CPU time each save costs the server and
the database (`bench.cpu`). Last, the public portal (`bench.portal`): the finder's results and
the service pages served by gunicorn from a scratch PostgreSQL database under wrk with 50
connections over rotations of many comuni and services, next to a trivial endpoint, the cold
render time the page cache hides, and every "open now" badge checked against the engine. It prints the figures beside their targets and writes them to
`bench/out/latest.json`. Figures are measurements, never test assertions: the exit status is
non-zero only when something broke (for the contacts: an error, a duplicate, a broken audit
chain), not when a target is missed.
"""
