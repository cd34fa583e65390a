import os

from django.core.asgi import get_asgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE", f"rete.config.settings.{os.environ.get('RETE_ENV', 'local')}"
)
application = get_asgi_application()
