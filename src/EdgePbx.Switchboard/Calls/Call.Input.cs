using System.Text;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Fax;
using EdgePbx.Sip.Stack;
using EdgePbx.Switchboard.Media;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// The third part of <see cref="Call"/>: what the caller sends before the bridge. Digits (RFC 4733, SIP INFO,
/// in-band) and fax tones arrive on the media clock's thread and are posted here, to the call's partition.
/// </summary>
internal sealed partial class Call
{
    private readonly StringBuilder _digits = new();

    /// <summary>Where digits go in the call's current step (a menu, a mailbox); null: they are only recorded.</summary>
    private Action<char>? DigitInput { get; set; }

    /// <summary>Every digit the caller pressed, in order (kept on the record).</summary>
    public string Digits => _digits.ToString();

    private CallerInput ListenToCaller()
    {
        // The callbacks run on the clock thread: each one only posts (one closure per digit, none per packet).
        return new CallerInput(
            _inbound.Media!,
            detectDigits: true,
            (digit, source) => Run(() => OnDigit(digit, source)),
            tone => Run(() => OnFaxTone(tone, outbound: false)));
    }

    /// <summary>RFC 2976 INFO in the caller's dialog: 200 OK, and a digit when the body carries one.</summary>
    private void OnInfo(SipServerRequest request)
    {
        var m = request.Message;
        request.Respond(200, "OK");
        if (m.ContentType is not { } type || m.Body.IsEmpty || m.Body.Length > 1024)
        {
            return;
        }

        if (DtmfInfoBody.TryParse(type, Encoding.UTF8.GetString(m.Body.Span)) is { } digit)
        {
            _media?.Input?.StopInBand();
            OnDigit(digit, DigitSource.SipInfo);
        }
    }

    private void OnDigit(char digit, DigitSource source)
    {
        if (Phase is CallPhase.Ended or CallPhase.Answered)
        {
            return;
        }

        EngineLog.DigitReceived(_services.Logger, Key, digit, source);
        _digits.Append(digit);
        DigitInput?.Invoke(digit);
    }

    private void OnFaxTone(FaxTone tone, bool outbound)
    {
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        EngineLog.FaxToneHeard(_services.Logger, Key, tone, outbound ? "outbound leg" : "caller");
        FaxToneHeard(tone, outbound);
    }
}
