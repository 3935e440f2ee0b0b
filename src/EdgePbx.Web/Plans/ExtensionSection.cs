using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.Phones;
using EdgePbx.Web.Pages;

namespace EdgePbx.Web.Plans;

/// <summary>
/// Extensions and their phones. The plan part (name, voicemail, bound numbers...) goes through the plan;
/// the SIP password and voicemail PIN go to <see cref="PhoneAccountStore"/> and are never shown again.
/// </summary>
public sealed class ExtensionSection(PhoneAccountStore phones) : PlanSectionOf<Extension>
{
    public override string Kind => "extensions";

    public override string Title => "Extensions and phones";

    public override string Singular => "extension";

    public override IReadOnlyList<string> Fields { get; } =
        ["id", "name", "voicemail", "doNotDisturb", "followMe", "ringSeconds", "bound", "sipPassword", "voicemailPin"];

    public override IReadOnlyList<string> Columns { get; } = ["Extension", "Name", "Voicemail", "Rings", "Bound numbers", "SIP password", "Voicemail PIN"];

    protected override JsonTypeInfo<Extension> TypeInfo => WebJsonContext.Default.Extension;

    public override string? IdProblem(string id) => PhoneSecretRules.ExtensionProblem(id);

    protected override IReadOnlyDictionary<string, Extension> Items(RoutingPlan plan) => plan.Extensions;

    protected override RoutingPlan WithItems(RoutingPlan plan, IReadOnlyDictionary<string, Extension> items) => plan with { Extensions = items };

    public override FormValues NewValues()
    {
        var values = new FormValues();
        ToValues(new Extension(), values);
        return values;
    }

    protected override void ToValues(Extension item, FormValues values)
    {
        values["name"] = item.Name ?? string.Empty;
        values.Check("voicemail", item.Voicemail);
        values.Check("doNotDisturb", item.DoNotDisturb);
        values.Check("followMe", item.FollowMe);
        values["ringSeconds"] = FormValues.Number(item.RingSeconds);
        values["bound"] = string.Join("\n", item.Bound.Select(b => b.Schedule is null ? b.Number : b.Number + " " + b.Schedule));
    }

    protected override Extension? FromValues(FormValues values, FieldIssues issues)
    {
        var ring = values.Whole("ringSeconds", issues, 25);
        var bound = new List<BoundNumber>();
        var lines = values.Lines("bound");
        for (var i = 0; i < lines.Count; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2)
            {
                issues.Add("bound", $"line {i + 1}: write NUMBER or NUMBER SCHEDULE");
                continue;
            }

            bound.Add(new BoundNumber(parts[0], parts.Length == 2 ? parts[1] : null));
        }

        return new Extension(values.Optional("name"), values.Checked("voicemail"), values.Checked("doNotDisturb"), values.Checked("followMe"), ring, bound);
    }

    public override void CheckExtra(FormValues values, FieldIssues issues)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(issues);
        if (values["sipPassword"].Length > 0 && PhoneSecretRules.SipPasswordProblem(values["sipPassword"]) is { } p)
        {
            issues.Add("sipPassword", p);
        }

        if (values["voicemailPin"].Length > 0 && PhoneSecretRules.PinProblem(values["voicemailPin"]) is { } pin)
        {
            issues.Add("voicemailPin", pin);
        }
    }

    public override async Task<FieldIssues?> AfterSaveAsync(string id, string? originalId, FormValues values, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (originalId is not null && originalId != id)
        {
            // A renumbered extension keeps its phone's secrets under the new number.
            await phones.MoveAsync(originalId, id, actor, cancellationToken).ConfigureAwait(false);
        }

        var password = values["sipPassword"].Length > 0 ? values["sipPassword"] : null;
        var pin = values["voicemailPin"].Length > 0 ? values["voicemailPin"] : null;
        var result = await phones.SetAsync(id, password, pin, actor, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return null;
        }

        var issues = new FieldIssues();
        issues.Add(result.Field ?? "sipPassword", result.Error!);
        return issues;
    }

    public override async Task AfterDeleteAsync(string id, string actor, CancellationToken cancellationToken) =>
        await phones.DeleteAsync(id, actor, cancellationToken).ConfigureAwait(false);

    public override string RenderFields(FormValues values, FieldIssues issues, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(values);
        var account = isNew ? null : phones.Find(values["id"]);
        var keep = "Leave empty to keep the current one";
        return Form.Text("id", "Extension number", values, issues, "Digits the phone registers as and callers dial", extra: " inputmode=\"numeric\" required") +
            Form.Text("name", "Name", values, issues, "Shown on the phone and in call records") +
            Form.Check("voicemail", "Voicemail box", values, issues) +
            Form.Check("doNotDisturb", "Do not disturb", values, issues) +
            Form.Check("followMe", "Follow me: ring the bound numbers too", values, issues) +
            Form.Text("ringSeconds", "Ring for (seconds)", values, issues, null, "number") +
            Form.Area("bound", "Bound external numbers", values, issues, "One per line: NUMBER, or NUMBER SCHEDULE to ring it only while that schedule is open") +
            "<fieldset><legend>Phone</legend>" +
            Form.Secret("sipPassword", "SIP password", issues,
                (account?.HasSipPassword ?? false) ? "Set. " + keep : $"Not set: the phone cannot register until it has one ({PhoneSecretRules.MinSipPasswordLength}+ characters)") +
            Form.Secret("voicemailPin", "Voicemail PIN", issues,
                (account?.HasVoicemailPin ?? false) ? "Set. " + keep : $"Not set ({PhoneSecretRules.MinPinLength} to {PhoneSecretRules.MaxPinLength} digits)") +
            "</fieldset>";
    }

    protected override IReadOnlyList<string> RowOf(string id, Extension item)
    {
        var account = phones.Find(id);
        return
        [
            id,
            item.Name ?? string.Empty,
            item.Voicemail ? "yes" : "no",
            item.RingSeconds.ToString(CultureInfo.InvariantCulture) + " s",
            string.Join(", ", item.Bound.Select(b => b.Schedule is null ? b.Number : $"{b.Number} (while {b.Schedule} is open)")),
            account?.HasSipPassword == true ? "set" : "NOT SET",
            account?.HasVoicemailPin == true ? "set" : "not set",
        ];
    }
}
