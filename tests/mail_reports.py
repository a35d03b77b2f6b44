"""Delivery reports (bounces) as mail servers send them, for the bounce tests."""

# A Postfix-style RFC 3464 report: one recipient failed, one delayed, one not an attendee.
POSTFIX_BOUNCE = """\
Return-Path: <>
Date: Mon, 12 Jul 2027 10:01:02 +0900 (KST)
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: info@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B1.1720000000/mail.example.org"
Message-Id: <20270712010102.B1@mail.example.org>

This is a MIME-encapsulated message.

--B1.1720000000/mail.example.org
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{bad}>: host mx.example.net[192.0.2.7] said: 550 5.1.1 <{bad}>: Recipient
    address rejected: User unknown in virtual mailbox table

--B1.1720000000/mail.example.org
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org
X-Postfix-Queue-ID: B1
Arrival-Date: Mon, 12 Jul 2027 10:01:00 +0900 (KST)

Final-Recipient: rfc822; {bad}
Original-Recipient: rfc822;{bad}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <{bad}>: Recipient address rejected: User
    unknown in virtual mailbox table

Final-Recipient: rfc822; {late}
Action: delayed
Status: 4.2.2
Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

Final-Recipient: rfc822; stranger@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B1.1720000000/mail.example.org
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: info@example.org
To: {bad}
Subject: =?utf-8?b?7J6F7J6l6raM?=

--B1.1720000000/mail.example.org--
"""
