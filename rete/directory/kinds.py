"""Closed vocabularies of the directory: kinds of organisation, kinds of service, languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    ANTI_VIOLENCE_CENTRE = "anti_violence_centre", _("Anti-violence centre")
    SHELTER = "shelter", _("Shelter")
    ASSOCIATION = "association", _("Association")
    PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
    SOCIAL_SERVICE = "social_service", _("Social service")
    HEALTH_SERVICE = "health_service", _("Health service")
    HOSPITAL = "hospital", _("Hospital")
    POLICE = "police", _("Police")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    COURT = "court", _("Court")
    BAR_ASSOCIATION = "bar_association", _("Bar association")
    UNIVERSITY = "university", _("University")
    OTHER = "other", _("Other")


class ServiceKind(models.TextChoices):
    """Ordered as the routing engine ranks them in orientation (centres first)."""

    ANTI_VIOLENCE_CENTRE = "anti_violence_centre", _("Anti-violence centre")
    SHELTER = "shelter", _("Shelter")
    HELPLINE = "helpline", _("Helpline")
    COUNSELLING = "counselling", _("Counselling")
    SOCIAL_SERVICE = "social_service", _("Social service")
    HEALTH_SERVICE = "health_service", _("Health service")
    EMERGENCY_ROOM = "emergency_room", _("Emergency room")
    POLICE = "police", _("Police")
    LEGAL = "legal", _("Legal assistance")
    OTHER = "other", _("Other")
