"""Badges: what goes where on a badge, drawing it, and the print log.

Owns the layout engine (``layouts``: a badge as plain boxes, text and a QR code), the
PNG renderer (``renderer``, Pillow), the PDF writer (``pdf``, fpdf2) and the badge
service (``service``: which badge a person gets, re-issuing, the print log), following
a print job to its real end (``printing``: CUPS, the Windows spooler), the QR symbol
with its mask chosen fast (``qr``), discreet categories and the leave message
(``discreet``) and tickets sent before the day (``tickets``: selection, settings and
the folder; ``ticket_layout``: the ticket's look; ``ticket_render``: PNG, PDF and the
worker pool; ``pdf_split``: one PDF file per page; ``ticket_mail``: through the
organizer's SMTP server, each send recorded once accepted; ``ticket_bounces``: the
delivery reports that came back later, saved from the sender's mailbox). The Qt
printing code in ``checkin.ui.desk`` only paints the layouts made here. May import the
shared leaves, ``checkin.db``, ``checkin.event``, ``checkin.people``, ``checkin.door``
and ``checkin.protect``; never ``checkin.ui`` or ``checkin.cli``.
"""
