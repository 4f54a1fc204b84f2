#!/usr/bin/env python3
"""Writes the sample exports in this directory, laid out as each survey tool
writes them (header rows, metadata columns, multi-select columns, "Other
(please specify)", blank header cells, quoted newlines, BOM, CRLF, date
formats).  The files are committed; rerun only to change them:
    python3 tests/data/ingest-presets/make.py
"""
import csv, io, os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, rows, bom=False, crlf=True, quote_all=False):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n" if crlf else "\n",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    data = out.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# SurveyMonkey "All responses data", expanded CSV: row 1 the question (blank
# over the later columns of a multiple-choice question), row 2 "Response",
# "Open-Ended Response" or the option labels; US dates with AM/PM.
write("surveymonkey.csv", [
    ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
     "First Name", "Last Name", "Custom Data 1", "Which area do you live in?",
     "Which services have you used in the last year?", "", "", "",
     "What could we do better?", "How satisfied are you overall?"],
    ["", "", "", "", "", "", "", "", "", "Response", "GP", "Pharmacy", "Hospital outpatients",
     "Other (please specify)", "Open-Ended Response", "Response"],
    ["114367892302", "405123987", "03/04/2026 10:32:11 AM", "03/04/2026 10:41:55 AM",
     "81.2.69.160", "", "", "", "", "Leicester City", "GP", "", "Hospital outpatients", "",
     "The wait for a GP appointment is three weeks, at least.", "Dissatisfied"],
    ["114367892303", "405123987", "03/14/2026 09:01:02 PM", "03/14/2026 09:15:40 PM",
     "81.2.69.161", "", "", "", "", "Melton", "", "Pharmacy", "",
     "Community dentist, which closed in January", "", "Satisfied"],
    ["114367892304", "405123988", "03/15/2026 08:00:00 AM", "03/15/2026 08:05:00 AM",
     "81.2.69.162", "", "", "", "", "Oakham", "GP", "", "", "",
     "Two lines\r\nabout the car park being full", "Neither satisfied nor dissatisfied"],
    ["114367892305", "405123988", "03/16/2026 11:00:00 AM", "03/16/2026 11:02:00 AM",
     "81.2.69.163", "", "", "", "", "Leicester City", "", "", "", "", "  ", "Very satisfied"],
], bom=True)

# Qualtrics CSV export: export tags, question text, ImportId JSON; ISO dates.
tags = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
        "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
        "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
        "DistributionChannel", "UserLanguage", "Q1", "Q2", "Q3", "Q3_4_TEXT", "Q4"]
text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
        "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
        "Recipient Last Name", "Recipient First Name", "Recipient Email",
        "External Data Reference", "Location Latitude", "Location Longitude",
        "Distribution Channel", "User Language", "Which area do you live in?",
        "What could we do better?", "Which services have you used? - Selected Choice",
        "Which services have you used? - Other (please specify) - Text",
        "How satisfied are you overall?"]
ids = ['{"ImportId":"startDate","timeZone":"Europe/London"}',
       '{"ImportId":"endDate","timeZone":"Europe/London"}', '{"ImportId":"status"}',
       '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}',
       '{"ImportId":"finished"}', '{"ImportId":"recordedDate","timeZone":"Europe/London"}',
       '{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}',
       '{"ImportId":"recipientFirstName"}', '{"ImportId":"recipientEmail"}',
       '{"ImportId":"externalDataReference"}', '{"ImportId":"locationLatitude"}',
       '{"ImportId":"locationLongitude"}', '{"ImportId":"distributionChannel"}',
       '{"ImportId":"userLanguage"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2_TEXT"}',
       '{"ImportId":"QID3"}', '{"ImportId":"QID3_4_TEXT"}', '{"ImportId":"QID4"}']
def q(start, end, rec, rid, area, better, services, other, sat):
    return [start, end, "IP Address", "81.2.69.170", "100", "471", "True", rec, rid, "", "",
            "", "", "52.6369", "-1.1398", "anonymous", "EN", area, better, services, other, sat]
write("qualtrics.csv", [tags, text, ids,
    q("2026-03-14 10:32:11", "2026-03-14 10:40:02", "2026-03-14 10:40:03", "R_1DkA2b3C4d5E6f7",
      "Leicester City", "Open the walk-in centre at weekends, please.", "GP,Pharmacy", "",
      "Dissatisfied"),
    q("2026-03-31 23:58:00", "2026-04-01 00:03:10", "2026-04-01 00:03:11", "R_2XyZ9w8V7u6T5s4",
      "Melton", "", "GP,Other (please specify)", "The mobile breast screening unit",
      "Satisfied"),
    q("2026-04-02 09:00:00", "2026-04-02 09:10:00", "2026-04-02 09:10:01", "R_3AbC1d2E3f4G5h6",
      "Rutland", "Nothing, \"really\" -- the staff\nwere wonderful", "", "", "Very satisfied"),
], bom=True)

# Google Forms responses sheet, downloaded as CSV (UK locale): Timestamp
# first, "Email address" when collected, checkbox answers joined with ", ".
write("google-forms.csv", [
    ["Timestamp", "Email address", "Which area do you live in?",
     "Which services have you used?", "What could we do better?",
     "Is there anything else you would like to tell us?"],
    ["14/03/2026 10:32:11", "ann@example.org", "Leicester City", "GP, Pharmacy",
     "Answer the phone before half past eight in the morning", ""],
    ["14/03/2026 19:05:44", "bob@example.org", "Melton", "Hospital outpatients",
     "The car park at the General is full by nine every day", "Thank you for asking us what we think"],
    ["15/03/2026 08:12:09", "cy@example.org", "Oakham", "GP",
     "Longer opening hours on Saturdays for working people",
     "The receptionist was very kind to my mother, \"a real star\""],
    ["03/16/2026 14:00:00", "di@example.org", "Leicester City", "GP, Other",
     "More appointments that can be booked online in advance", ""],
    ["17/03/2026 12:00:00", "ed@example.org", "Melton", "Pharmacy",
     "Texts to remind me of appointments would help a lot", "No"],
], bom=False)

# Microsoft Forms "Open in Excel", saved as CSV UTF-8 (BOM) in a UK locale.
write("ms-forms.csv", [
    ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
     "Which area do you live in?", "What could we do better?",
     "Which services have you used?"],
    ["1", "14/03/2026 10:30", "14/03/2026 10:32", "anonymous", "", "",
     "Leicester City", "Please fix the lift at the health centre, it has been broken for weeks",
     "GP;Pharmacy;"],
    ["2", "14/03/2026 11:00", "14/03/2026 11:09", "anonymous", "", "",
     "Melton", "I could not find out where to park when I arrived for my appointment",
     "Hospital outpatients;"],
    ["3", "15/03/2026 09:00", "15/03/2026 09:04", "anonymous", "", "",
     "Rutland", "", "GP;"],
], bom=True)

# SmartSurvey CSV export.
write("smartsurvey.csv", [
    ["UserID", "IP Address", "Unique ID", "Started", "Ended", "Tracking Link", "Custom ID",
     "Which area do you live in?", "What could we do better?", "Age band"],
    ["98765001", "81.2.69.180", "", "14/03/2026 10:32:11", "14/03/2026 10:40:55", "Web Link", "",
     "Leicester City", "Let people book blood tests online rather than queueing", "35-44"],
    ["98765002", "81.2.69.181", "", "14/03/2026 12:00:00", "14/03/2026 12:30:00", "Web Link", "",
     "Melton", "Reception staff need more time so they are not so rushed", "65-74"],
    ["98765003", "81.2.69.182", "", "16/03/2026 09:00:00", "16/03/2026 09:05:00", "Email", "",
     "Oakham", "The hearing loop at the surgery never works for me", "75+"],
], bom=True)

# Citizen Space (Delib) responses export.
write("citizenspace.csv", [
    ["Response ID", "Submitted on", "What is your name?", "What is your email address?",
     "Where do you live?", "Do you agree with the proposal?",
     "Please tell us why you agree or disagree with the proposal"],
    ["ANON-1A2B-3C4D-E", "2026-03-14 10:32:11", "", "", "Leicester City", "Disagree",
     "Moving the clinic to the edge of town makes it harder to reach by bus"],
    ["ANON-5F6G-7H8J-K", "2026-03-15 16:20:00", "Dee Smith", "dee@example.org", "Melton",
     "Agree", "The new building will have proper parking and a lift for wheelchair users"],
    ["ANON-9L1M-2N3P-Q", "2026-03-16 08:00:00", "", "", "Rutland", "Neither", ""],
], bom=True)

# A plain table from Excel: one header row, one obvious date column.
write("excel.csv", [
    ["Ref", "Date", "Area", "Comments"],
    ["A1", "14/03/2026", "Leicester City", "The out-of-hours number rang and rang with no answer"],
    ["A2", "2026-03-15", "Melton", "Good care from the district nurses all through the winter"],
], bom=False)
