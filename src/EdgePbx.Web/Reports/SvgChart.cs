using System.Globalization;
using System.Text;
using EdgePbx.Web.Pages;

namespace EdgePbx.Web.Reports;

/// <summary>
/// Bar charts drawn on the server as inline SVG: no chart library, no script, nothing fetched from
/// elsewhere. Colours come from classes in app.css (the CSP forbids inline styles). Each chart sits beside
/// a table with the same numbers, so nothing is only in the picture.
/// </summary>
public static class SvgChart
{
    private const int Width = 560;
    private const int Height = 200;
    private const int Left = 48;
    private const int Bottom = 36;

    public sealed record Bar(string Label, double Value, string Shown);

    /// <summary>Vertical bars over time (calls per day, minutes per hour...).</summary>
    public static string Columns(string id, string title, IReadOnlyList<Bar> bars, string unit)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{Html.E(id)}\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.E(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(Html.E(title)).Append("</title>");
        var max = Nice(bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var plotHeight = Height - Bottom - 10;
        var plotWidth = Width - Left - 8;
        Axis(svg, max, plotHeight, unit);
        if (bars.Count > 0)
        {
            var slot = (double)plotWidth / bars.Count;
            var barWidth = Math.Max(1, slot * 0.7);
            var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / 12.0));
            for (var i = 0; i < bars.Count; i++)
            {
                var h = max <= 0 ? 0 : bars[i].Value / max * plotHeight;
                var x = Left + (i * slot) + ((slot - barWidth) / 2);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{10 + plotHeight - h:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\">")
                    .Append("<title>").Append(Html.E($"{bars[i].Label}: {bars[i].Shown}")).Append("</title></rect>");
                if (i % labelEvery == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x + (barWidth / 2):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Html.E(bars[i].Label)}</text>");
                }
            }
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no calls in this range</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars for categories (regions, destinations), biggest first.</summary>
    public static string Rows(string id, string title, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int rowHeight = 22;
        const int labelWidth = 150;
        var height = Math.Max(1, bars.Count) * rowHeight + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{Html.E(id)}\" class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Html.E(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(Html.E(title)).Append("</title>");
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var plotWidth = Width - labelWidth - 90;
        for (var i = 0; i < bars.Count; i++)
        {
            var w = max <= 0 ? 0 : bars[i].Value / max * plotWidth;
            var y = 4 + (i * rowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Html.E(bars[i].Label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{rowHeight - 6}\"><title>{Html.E($"{bars[i].Label}: {bars[i].Shown}")}</title></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 15}\">{Html.E(bars[i].Shown)}</text>");
        }

        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\">no calls in this range</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A single share (answer rate) as a filled bar with the percentage.</summary>
    public static string Share(string id, string title, double fraction)
    {
        var clamped = Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1);
        var w = clamped * (Width - 100);
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg id=\"{Html.E(id)}\" class=\"chart\" viewBox=\"0 0 {Width} 40\" role=\"img\" aria-label=\"{Html.E(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Html.E(title)}</title>" +
            $"<rect class=\"track\" x=\"0\" y=\"8\" width=\"{Width - 100}\" height=\"24\"></rect><rect class=\"bar ok\" x=\"0\" y=\"8\" width=\"{w:0.#}\" height=\"24\"></rect>" +
            $"<text class=\"value big\" x=\"{Width - 92}\" y=\"27\">{clamped * 100:0.0} %</text></svg>");
    }

    private static void Axis(StringBuilder svg, double max, int plotHeight, string unit)
    {
        for (var step = 0; step <= 4; step++)
        {
            var value = max * step / 4;
            var y = 10 + plotHeight - (plotHeight * step / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"></line>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{value:0.##}</text>");
        }

        // The unit sits right of the axis, above the top grid line, clear of the top tick's number.
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left + 4}\" y=\"8\" text-anchor=\"start\">{Html.E(unit)}</text>");
    }

    /// <summary>Rounds the axis top up to 1, 2 or 5 times a power of ten so the grid reads easily.</summary>
    public static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var m in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (max <= m * power)
            {
                return m * power;
            }
        }

        return 10 * power;
    }
}
