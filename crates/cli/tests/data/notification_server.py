#!/usr/bin/python3
"""A test notification server: owns org.freedesktop.Notifications on the
session bus in DBUS_SESSION_BUS_ADDRESS, answers as a desktop's would, and
appends each Notify call to the file named by its argument as a JSON line.
With a second argument "click", it clicks, as a user would, each
notification that offers the "default" action (emits ActionInvoked) once the
file named by the record's path plus ".click" appears (the test makes it
when the window is ready), then removes that file.
Prints "ready" once it owns the name. (Debian's python3-dbus and
python3-gi; run with /usr/bin/python3.)"""

import json
import sys

import dbus
import dbus.service
import dbus.mainloop.glib
from gi.repository import GLib

import os

RECORD = sys.argv[1]
CLICK = len(sys.argv) > 2 and sys.argv[2] == "click"
CLICK_FILE = RECORD + ".click"


class Notifications(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.next_id = 1
        self.clickable = []
        GLib.timeout_add(200, self.click_when_asked)

    @dbus.service.method("org.freedesktop.Notifications", in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, timeout):
        with open(RECORD, "a", encoding="utf-8") as out:
            out.write(json.dumps({"app_name": str(app_name), "summary": str(summary), "body": str(body),
                                  "actions": [str(a) for a in actions]}) + "\n")
        notification_id = self.next_id
        self.next_id += 1
        if CLICK and "default" in [str(a) for a in actions[::2]]:
            self.clickable.append(notification_id)
        return dbus.UInt32(notification_id)

    def click_when_asked(self):
        if os.path.exists(CLICK_FILE) and self.clickable:
            os.remove(CLICK_FILE)
            for notification_id in self.clickable:
                self.ActionInvoked(dbus.UInt32(notification_id), "default")
            self.clickable = []
        return True

    @dbus.service.signal("org.freedesktop.Notifications", signature="us")
    def ActionInvoked(self, notification_id, action_key):
        pass

    @dbus.service.method("org.freedesktop.Notifications", out_signature="ssss")
    def GetServerInformation(self):
        return ("redress-test", "Redress", "1", "1.2")

    @dbus.service.method("org.freedesktop.Notifications", out_signature="as")
    def GetCapabilities(self):
        return ["body", "actions"]

    @dbus.service.method("org.freedesktop.Notifications", in_signature="u")
    def CloseNotification(self, notification_id):
        pass


dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
name = dbus.service.BusName("org.freedesktop.Notifications", bus)
server = Notifications(bus)
print("ready", flush=True)
GLib.MainLoop().run()
