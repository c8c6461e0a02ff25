from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from backend.demo import SEEDERS


class Command(BaseCommand):
    help = "Create the Taicang demo data (idempotent; refused in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo is refused in production mode (DJANGO_ENV=production).")
        for dotted in SEEDERS:
            import_string(dotted)()
            self.stdout.write(f"seeded: {dotted}")
        self.stdout.write(
            self.style.SUCCESS(
                "演示数据已就绪。演示账号 seeker / employer / auditor / auditor2 / service / admin，密码 taicang2025"
            )
        )
