import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE", f"rete.config.settings.{os.environ.get('RETE_ENV', 'local')}"
)
application = get_wsgi_application()
