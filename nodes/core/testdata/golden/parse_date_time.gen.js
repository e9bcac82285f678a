// Regenerates parse_date_time.json with n8n-workflow's tryToParseDateTime
// (zone America/New_York) from an n8n-peer install.
const { tryToParseDateTime } = require('n8n-workflow');
const values = ["2024-03-01", "2024-03-01T10:00", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.123+01:00", "2024-03-01T10:00:00.5-0530",
  "20240301T1000", "2024-W10-2", "2024-W10", "2024-061", "2024-03", "2024", "2024-03-01T24:00", "2024-02-30", "2024-03-01 10:00:00", "2024-03-01 10:00:00.250 +02:00",
  "Fri, 01 Mar 2024 10:00:00 GMT", "Fri, 1 Mar 2024 10:00:00 +0100", "1 Mar 2024 10:00:00 -0500", "2024/03/01", "03/01/2024", "Mar 1 2024", "March 1, 2024",
  "not a date", "", "2024-03-01T10:00:00[Europe/Berlin]", 1700000000000, "2024-03-01T10:00:00,25Z", "+002024-03-01"];
const out = values.map((value) => {
  try {
    const d = tryToParseDateTime(value, 'America/New_York');
    return { value, valid: true, millis: d.toMillis() };
  } catch (e) {
    return { value, valid: false, millis: 0 };
  }
});
console.log(JSON.stringify(out, null, 1));
