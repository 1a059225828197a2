import hashlib
import json

from django.db import migrations, models


def hash_existing_content(apps, schema_editor):
    # The historical model has none of NoticeVersion's refusals: this fills in the
    # one new column of rows that are otherwise left exactly as they were.
    NoticeVersion = apps.get_model("privacy_notices", "NoticeVersion")
    for pk, content in NoticeVersion.objects.values_list("pk", "content").iterator():
        canonical = json.dumps(
            content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode()
        NoticeVersion.objects.filter(pk=pk).update(
            content_sha256=hashlib.sha256(canonical).hexdigest()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy_notices", "0003_free_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="noticeversion",
            name="content_sha256",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="sisällön SHA-256"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(hash_existing_content, migrations.RunPython.noop),
    ]
