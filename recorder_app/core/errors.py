"""Errors whose message is meant for the person at the keyboard."""


class UserError(Exception):
    """A problem the user can act on; its message is printed as is, never a traceback."""


class ImportRefused(UserError):
    """A meeting file that cannot be taken in; nothing of it has been stored."""
