using EdgePbx.Routing.Model;
using EdgePbx.Routing.Schedules;

namespace EdgePbx.Routing.Validation;

public static partial class PlanValidator
{
    /// <summary>Schedules: days, times, dates and override ranges.</summary>
    private sealed partial class Walker
    {
        private void CheckSchedule(string path, Schedule s)
        {
            for (var i = 0; i < s.Weekly.Count; i++)
            {
                var w = s.Weekly[i];
                var wp = $"{path}.weekly[{i}]";
                if (w.Days.Count == 0)
                {
                    Error(wp + ".days", "no days given");
                }

                for (var d = 0; d < w.Days.Count; d++)
                {
                    if (!LocalTime.TryParseDay(w.Days[d], out _))
                    {
                        Error($"{wp}.days[{d}]", $"\"{w.Days[d]}\" is not a day (mon, tue, wed, thu, fri, sat, sun)");
                    }
                }

                var fromOk = Time(wp + ".from", w.From, out var f);
                if (Time(wp + ".to", w.To, out var t) && fromOk && f == t)
                {
                    Error(wp, "from and to are equal; use \"00:00\"-\"24:00\" for a whole day");
                }
            }

            for (var i = 0; i < s.Overrides.Count; i++)
            {
                var o = s.Overrides[i];
                var op = $"{path}.overrides[{i}]";
                var dateOk = LocalTime.TryParseDate(o.Date, out var from);
                if (!dateOk)
                {
                    Error(op + ".date", $"\"{o.Date}\" is not a date (yyyy-MM-dd)");
                }

                if (o.Until is not null)
                {
                    if (!LocalTime.TryParseDate(o.Until, out var until))
                    {
                        Error(op + ".until", $"\"{o.Until}\" is not a date (yyyy-MM-dd)");
                    }
                    else if (dateOk && until < from)
                    {
                        Error(op + ".until", $"{o.Until} is before {o.Date}");
                    }
                }

                for (var k = 0; k < o.Windows.Count; k++)
                {
                    var wp = $"{op}.windows[{k}]";
                    var fromOk = Time(wp + ".from", o.Windows[k].From, out var f);
                    if (Time(wp + ".to", o.Windows[k].To, out var t) && fromOk && t <= f)
                    {
                        Error(wp, "an override window must end after it starts (it cannot cross midnight)");
                    }
                }
            }
        }

        private bool Time(string path, string text, out int minutes)
        {
            if (LocalTime.TryParseMinutes(text, out minutes))
            {
                return true;
            }

            Error(path, $"\"{text}\" is not a time (HH:mm, 00:00-24:00)");
            return false;
        }
    }
}
