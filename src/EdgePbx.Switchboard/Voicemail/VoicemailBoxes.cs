using System.Globalization;
using System.Security.Cryptography;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;
using EdgePbx.Sip.Events;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Signalling;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Voicemail;

/// <summary>
/// The mailboxes: one per plan extension with voicemail on. Messages are WAV files under
/// <see cref="VoicemailOptions.Directory"/> with their entries in the storage layer's voicemail index; greetings
/// are files beside them. Every change (deposit, save, delete) is followed by a message-summary NOTIFY (RFC 3842)
/// to the owner's subscribed phones and, where configured, unsolicited to its other registered contacts.
/// Expected failures (unwritable folder, disk full, bad upload) are values; nothing here throws for them.
/// </summary>
public sealed class VoicemailBoxes
{
    private readonly VoicemailIndex _index;
    private readonly ActivePlan _plan;
    private readonly string _domain;
    private readonly Func<string, string, bool> _verifyPin;
    private readonly IBindingStore _bindings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private EventNotifier? _notifier;

    /// <param name="options">Folders and limits.</param>
    /// <param name="index">The voicemail index (storage).</param>
    /// <param name="plan">The plan in force: which extensions have a box.</param>
    /// <param name="domain">The phones' domain (Message-Account and address-of-record).</param>
    /// <param name="verifyPin">(extension, pin) → true when the PIN is that extension's (the phone account store).</param>
    /// <param name="bindings">Registrar bindings, for unsolicited NOTIFY.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where failures are logged.</param>
    public VoicemailBoxes(VoicemailOptions options, VoicemailIndex index, ActivePlan plan, string domain, Func<string, string, bool> verifyPin, IBindingStore bindings, TimeProvider time, ILogger logger)
    {
        Options = options;
        _index = index;
        _plan = plan;
        _domain = domain;
        _verifyPin = verifyPin;
        _bindings = bindings;
        _time = time;
        _logger = logger;
    }

    public VoicemailOptions Options { get; }

    /// <summary>Serves the message-summary package through the SIP stack's notifier from now on.</summary>
    public void AttachNotifier(EventNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _notifier = notifier;
        notifier.AddPackage(new MessageSummaryPackage(this));
    }

    /// <summary>True when <paramref name="box"/> is an extension or a hunt group of the plan with voicemail on.</summary>
    public bool HasBox(string box) =>
        IsSafeName(box) && _plan.Current?.Plan is { } plan
        && ((plan.Extensions.TryGetValue(box, out var e) && e.Voicemail) || (plan.Groups.TryGetValue(box, out var g) && g.Voicemail));

    /// <summary>
    /// May <paramref name="extension"/>'s phones watch <paramref name="box"/>: their own box, or the box of a hunt group
    /// the extension is a member of (a group box is the members' shared mailbox).
    /// </summary>
    public bool MayWatch(string extension, string box) =>
        string.Equals(extension, box, StringComparison.Ordinal)
        || (_plan.Current?.Plan.Groups.TryGetValue(box, out var g) == true && g.Voicemail
            && g.Members.Any(m => string.Equals(m.Target, "ext:" + extension, StringComparison.Ordinal)));

    public string AccountUri(string box) => $"sip:{box}@{_domain}";

    public IReadOnlyList<VoicemailMessage> Messages(string box) => IsSafeName(box) ? _index.List(box) : [];

    public MailboxCounts Counts(string box)
    {
        var all = Messages(box);
        var heard = all.Count(m => m.Heard);
        return new MailboxCounts(all.Count - heard, heard);
    }

    /// <summary>The RFC 3842 body for <paramref name="box"/> as it is now.</summary>
    public MessageSummary Summary(string box)
    {
        var c = Counts(box);
        return MessageSummary.Voice(AccountUri(box), c.New, c.Old);
    }

    public bool VerifyPin(string box, string pin) => _verifyPin(box, pin);

    /// <summary>The full path of a message's audio.</summary>
    public string PathOf(VoicemailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Path.Combine(Options.Directory, message.FileName);
    }

    /// <summary>
    /// Opens a new message file for writing (the folder is made when missing). An unwritable folder or a full
    /// disk is an error string, not an exception.
    /// </summary>
    public (FileStream? Stream, string FileName, string? Error) CreateMessageFile(string box)
    {
        if (!IsSafeName(box))
        {
            return (null, string.Empty, $"\"{box}\" is not a mailbox name");
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{box}/{_time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}.wav");
        return Open(Path.Combine(Options.Directory, name), name);
    }

    /// <summary>Opens a temporary file for a greeting recorded by phone; <see cref="CommitGreeting"/> puts it in place.</summary>
    public (FileStream? Stream, string FileName, string? Error) CreateGreetingFile(string box, GreetingKind kind)
    {
        if (!IsSafeName(box))
        {
            return (null, string.Empty, $"\"{box}\" is not a mailbox name");
        }

        var path = GreetingPath(box, kind) + ".recording";
        return Open(path, path);
    }

    /// <summary>Index entry for a finished message file, then the NOTIFYs. Failures are logged and returned as false.</summary>
    public async Task<bool> AddMessageAsync(string box, string caller, DateTimeOffset received, TimeSpan duration, string fileName)
    {
        try
        {
            await _index.AddAsync(box, caller, received, duration, fileName).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A full disk or a broken database must not reach the call: log it, drop the orphan file.
        catch (Exception e)
#pragma warning restore CA1031
        {
            VoicemailLog.StoreFailed(_logger, box, e.Message);
            TryDelete(Path.Combine(Options.Directory, fileName));
            return false;
        }

        VoicemailLog.Deposited(_logger, box, caller, duration.TotalSeconds, fileName);
        Changed(box, "message from " + caller);
        return true;
    }

    /// <summary>Save: the message becomes old (RFC 3842 "old" count).</summary>
    public async Task<bool> SaveAsync(VoicemailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var done = await Guard(message.Mailbox, () => _index.MarkHeardAsync(message.Id)).ConfigureAwait(false);
        if (done)
        {
            Changed(message.Mailbox, $"message {message.Id} saved");
        }

        return done;
    }

    /// <summary>Removes the index entry, then the file (a stray file is harmless, a dangling entry is not).</summary>
    public async Task<bool> DeleteAsync(VoicemailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var done = await Guard(message.Mailbox, () => _index.DeleteAsync(message.Id)).ConfigureAwait(false);
        if (done && IsInside(PathOf(message)))
        {
            TryDelete(PathOf(message));
        }

        if (done)
        {
            Changed(message.Mailbox, $"message {message.Id} deleted");
        }

        return done;
    }

    public string GreetingPath(string box, GreetingKind kind) =>
        Path.Combine(Options.Directory, "greetings", box, kind == GreetingKind.Busy ? "busy.wav" : "unavailable.wav");

    /// <summary>The box's own greeting of that kind in the leg's codec, or null when none is recorded (or it is unreadable).</summary>
    public PromptAudio? LoadGreeting(string box, GreetingKind kind, AudioCodec codec)
    {
        if (!IsSafeName(box))
        {
            return null;
        }

        try
        {
            return WavPromptLoader.Load(GreetingPath(box, kind), codec).Audio;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Moves a greeting recorded by phone into place.</summary>
    public string? CommitGreeting(string box, GreetingKind kind, string recordedPath)
    {
        try
        {
            File.Move(recordedPath, GreetingPath(box, kind), overwrite: true);
            VoicemailLog.Changed(_logger, box, $"{kind} greeting recorded");
            return null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
        catch (UnauthorizedAccessException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// A greeting uploaded from the web page: the WAV must be something the box can play (8 kHz mono PCM,
    /// µ-law or A-law); it replaces the box's greeting of that kind atomically. Returns an error sentence or null.
    /// </summary>
    public async Task<string?> UploadGreetingAsync(string box, GreetingKind kind, Stream wav, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wav);
        if (!HasBox(box))
        {
            return $"{box} has no voicemail box (no extension or group of that ID with voicemail on)";
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await wav.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > Options.MaxGreetingBytes)
            {
                return $"the greeting is larger than {Options.MaxGreetingBytes} bytes";
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        var check = WavPromptLoader.Load(buffer, AudioCodec.Pcmu, "greeting");
        if (!check.Success)
        {
            return check.Error;
        }

        var path = GreetingPath(box, kind);
        var temp = path + ".upload";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(temp, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException e)
        {
            TryDelete(temp);
            VoicemailLog.StoreFailed(_logger, box, e.Message);
            return "the greeting cannot be stored: " + e.Message;
        }
        catch (UnauthorizedAccessException e)
        {
            VoicemailLog.StoreFailed(_logger, box, e.Message);
            return "the greeting cannot be stored: " + e.Message;
        }

        VoicemailLog.Changed(_logger, box, $"{kind} greeting uploaded");
        return null;
    }

    /// <summary>Removes a greeting (the default one plays again); false when there was none.</summary>
    public bool DeleteGreeting(string box, GreetingKind kind)
    {
        var path = IsSafeName(box) ? GreetingPath(box, kind) : null;
        return path is not null && File.Exists(path) && TryDelete(path);
    }

    /// <summary>After any change of a box: NOTIFY to its subscribers, and unsolicited to the rest if configured.</summary>
    internal void Changed(string box, string change)
    {
        VoicemailLog.Changed(_logger, box, change);
        if (_notifier is not { } notifier)
        {
            return;
        }

        notifier.NotifyChanged(MessageSummary.PackageName, box);
        if (!Options.UnsolicitedNotify)
        {
            return;
        }

        var subscribed = notifier.Find(MessageSummary.PackageName, box).Select(s => s.Dialog.RemoteTarget).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var now = _time.GetUtcNow();
        foreach (var binding in _bindings.GetBindings(AccountUri(box)).Where(b => b.ExpiresAt > now))
        {
            if (!subscribed.Contains(binding.ContactUri)
                && (BindingPeer.FromSource(binding.Source) ?? BindingPeer.FromUri(binding.ContactUri)) is { } peer)
            {
                notifier.SendUnsolicited(MessageSummary.PackageName, box, binding.ContactUri, peer);
            }
        }
    }

    private async Task<bool> Guard(string box, Func<Task<bool>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above: the database failing is logged and reported, never thrown into a call.
        catch (Exception e)
#pragma warning restore CA1031
        {
            VoicemailLog.StoreFailed(_logger, box, e.Message);
            return false;
        }
    }

    private static (FileStream?, string, string?) Open(string path, string name)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Large buffer: the media clock thread writes 320 bytes a frame; the disk sees one write every 2 s.
            return (new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 32 * 1024), name, null);
        }
        catch (IOException e)
        {
            return (null, name, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, name, e.Message);
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException e)
        {
            VoicemailLog.FileNotRemoved(_logger, path, e.Message);
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            VoicemailLog.FileNotRemoved(_logger, path, e.Message);
            return false;
        }
    }

    /// <summary>An index row (say, from a restored backup) never makes a delete reach a file outside the voicemail folder.</summary>
    private bool IsInside(string path)
    {
        var root = Path.GetFullPath(Options.Directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>Box names become folder names: plan extension ids only (letters, digits, '-', '_').</summary>
    private static bool IsSafeName(string box) =>
        box.Length is > 0 and <= 32 && box.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
