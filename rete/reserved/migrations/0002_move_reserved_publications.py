"""Move the publications marked "reserved" into the reserved area.

publications.Document had a `visibility` whose "reserved" value no screen ever showed. Each
such row becomes a ReservedDocument of the same territory: its file is copied from the
default storage (the portal's) to the reserved storage, the row is deleted, and the portal's
copy of the file is deleted once the move is committed. Reversing does nothing: the
documents stay in the reserved area, where they belong.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import migrations, transaction

# publications categories -> reserved categories (protocols and regional plans have no
# category of their own among the reserved documents).
CATEGORIES = {
    "report_format": "report_format",
    "operational_plan": "operational_plan",
    "procedure": "procedure",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def move_reserved_publications(apps, schema_editor):
    Document = apps.get_model("publications", "Document")
    ReservedDocument = apps.get_model("reserved", "ReservedDocument")
    public_storage = storages["default"]
    reserved_storage = storages["reserved"]
    moved_names = []
    for document in Document.objects.filter(visibility="reserved").order_by("pk"):
        old_name = document.file.name
        extension = old_name.rsplit(".", 1)[-1].lower() if "." in old_name else "bin"
        with public_storage.open(old_name, "rb") as source:
            content = source.read()
        new_name = reserved_storage.save(
            f"documents/moved-{document.pk}.{extension}", ContentFile(content)
        )
        description = "\n\n".join(part for part in (document.summary, document.body) if part)
        ReservedDocument.objects.create(
            title=document.title,
            description=description,
            category=CATEGORIES.get(document.category, "other"),
            territory_id=document.territory_id,
            file=new_name,
            original_filename=f"{document.slug}.{extension}",
            size=len(content),
            content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
            uploaded_by=None,
            uploaded_at=document.created_at,
        )
        moved_names.append(old_name)
        document.delete()

    def delete_public_copies():
        for name in moved_names:
            public_storage.delete(name)

    # Files are not transactional: the portal's copies go only once the rows are moved.
    transaction.on_commit(delete_public_copies, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reserved", "0001_reserved_documents"),
        ("publications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_reserved_publications, migrations.RunPython.noop),
    ]
