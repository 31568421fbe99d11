from .models import Room


def create_room(sender, instance, created, **kwargs):
    """Every appointment gets its own room when it is booked."""
    if created:
        Room.objects.get_or_create(appointment=instance)
