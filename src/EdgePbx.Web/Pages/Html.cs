using System.Text.Encodings.Web;

namespace EdgePbx.Web.Pages;

/// <summary>Every value placed into a page goes through here: nothing from a plan, a caller id or a form is trusted as markup.</summary>
public static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
