using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;
using EdgePbx.Media.Tones;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Voicemail;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// Voicemail deposit: answer, the box's greeting (busy or unavailable) or the default one, a beep, then the
/// caller's audio to a WAV until '#', a long silence, the maximum length or hang-up. The message goes to the
/// voicemail index and the owner's phones are told (message-summary NOTIFY). A folder that cannot be written
/// is found before answering (480); a disk that fills up mid-message ends it with a congestion tone.
/// </summary>
internal sealed partial class Call
{
    private const int BeepFrames = 25;
    private static readonly TimeSpan SilenceCheckInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ShortestMessage = TimeSpan.FromMilliseconds(500);

    private string? _box;
    private FileStream? _messageFile;
    private string? _messageFileName;
    private VoicemailRecording? _recording;
    private DateTimeOffset _recordingStarted;
    private string? _voicemailResult;

    /// <summary>The tone after a greeting: 1 kHz, half a second.</summary>
    private static ToneSpec Beep { get; } = ToneSpec.Continuous(-10, 1000);

    private void StartVoicemail(VoicemailStep step)
    {
        _destination = _destination.Length == 0 ? "voicemail:" + step.Box : _destination;
        if (_services.Voicemail is not { } boxes || !boxes.HasBox(step.Box))
        {
            Refuse(480, _hunt is null ? CallOutcome.Failed : CallOutcome.Missed, $"voicemail {step.Box} is not available");
            return;
        }

        // The file is opened before answering: an unwritable folder or a full disk is a 480, not a silent answer.
        var (file, name, error) = boxes.CreateMessageFile(step.Box);
        if (file is null)
        {
            EngineLog.VoicemailUnavailable(_services.Logger, Key, step.Box, error ?? "unknown");
            Refuse(480, CallOutcome.Failed, $"voicemail {step.Box} cannot be stored: {error}");
            return;
        }

        _hunt?.Stop();
        _box = step.Box;
        _messageFile = file;
        _messageFileName = name;
        Phase = CallPhase.Voicemail;
        _inbound.Answer();
        var codec = _inbound.Media!.Codec;
        var kind = _lastHuntAllBusy ? GreetingKind.Busy : GreetingKind.Unavailable;
        var greeting = boxes.LoadGreeting(step.Box, kind, codec) ?? boxes.LoadGreeting(step.Box, GreetingKind.Unavailable, codec)
            ?? _services.Prompts.Get(boxes.Options.DefaultGreeting, codec).Audio;
        var parts = new List<IFrameSource>();
        if (greeting is not null)
        {
            parts.Add(new PromptSource(greeting, loop: false));
        }

        parts.Add(new TimedSource(_services.Tone(Beep, codec), BeepFrames));
        _media!.Play(new EndingSource(new SequenceSource(parts), () => Run(BeginRecording)));
        // '#' during the greeting skips to the beep's end; during the recording it ends the message.
        DigitInput = digit =>
        {
            if (digit != '#')
            {
                return;
            }

            if (_recording is null)
            {
                BeginRecording();
            }
            else
            {
                StopRecording("caller pressed #");
            }
        };
    }

    private void BeginRecording()
    {
        if (Phase != CallPhase.Voicemail || _recording is not null || _messageFile is null)
        {
            return;
        }

        var media = _inbound.Media!;
        var options = _services.Voicemail!.Options;
        _media!.Play(null);
        _recordingStarted = _services.Time.GetUtcNow();
        _recording = new VoicemailRecording(_messageFile, media.Codec, media.PayloadType, options.MaxMessageLength, options.SilenceTimeout, options.SilenceLevel, _services.Time,
            end => Run(() => OnRecordingEnded(end)));
        var session = _media.Caller;
        session.Receiver = new RecordingReceiver(session.Receiver, _recording);
        CheckSilence();
    }

    private void CheckSilence()
    {
        if (_recording is not { } recording || Phase != CallPhase.Voicemail)
        {
            return;
        }

        if (recording.SinceSpeech >= _services.Voicemail!.Options.SilenceTimeout)
        {
            StopRecording("silence");
            return;
        }

        Schedule(SilenceCheckInterval, CheckSilence);
    }

    private void OnRecordingEnded(RecordingEnd end)
    {
        if (Phase != CallPhase.Voicemail)
        {
            return;
        }

        if (end == RecordingEnd.Full)
        {
            StopRecording("maximum message length");
            return;
        }

        // Disk full mid-message: what was written cannot be trusted; the caller hears congestion, then we hang up.
        DetachRecording();
        _recording?.Finish(keepHeldSilence: false);
        _recording = null;
        DiscardMessageFile();
        _voicemailResult = "voicemail not stored: writing failed (disk full?)";
        EngineLog.VoicemailUnavailable(_services.Logger, Key, _box ?? string.Empty, "writing the message failed");
        _media!.Play(new EndingSource(new TimedSource(_services.Tone(_services.Options.Tones.Congestion, _inbound.Media!.Codec), 100),
            () => Run(() => HangUpBoth(CallOutcome.Failed, _voicemailResult))));
    }

    /// <summary>The message is complete ('#', silence, full): keep it and hang up.</summary>
    private void StopRecording(string why)
    {
        var keepSilence = why == "maximum message length";
        var stored = KeepMessage(keepSilence);
        HangUpBoth(stored ? CallOutcome.Voicemail : CallOutcome.Missed, stored ? "message left (" + why + ")" : _voicemailResult ?? "no message left");
    }

    /// <summary>
    /// From <see cref="End"/>: the call is ending however it ends (caller hung up, shutdown, engine error) with a
    /// voicemail in progress. What was recorded is kept; the outcome says so.
    /// </summary>
    private (CallOutcome Outcome, string Reason) CloseVoicemail(CallOutcome outcome, string reason)
    {
        if (_mailboxMenu is not null)
        {
            return CloseMailbox(outcome, reason);
        }

        if (_box is null)
        {
            return (outcome, reason);
        }

        if (_recording is null && _messageFile is null)
        {
            // Already finished by StopRecording or the write failure path.
            return (outcome, reason);
        }

        if (_recording is null)
        {
            DiscardMessageFile();
            return (CallOutcome.Missed, "caller hung up during the voicemail greeting");
        }

        return KeepMessage(keepSilence: false)
            ? (CallOutcome.Voicemail, "message left (" + reason + ")")
            : (outcome == CallOutcome.Voicemail ? CallOutcome.Missed : outcome, _voicemailResult ?? reason);
    }

    /// <summary>Completes the WAV and hands it to the index (which notifies the owner's phones).</summary>
    private bool KeepMessage(bool keepSilence)
    {
        var recording = _recording!;
        DetachRecording();
        var completed = recording.Finish(keepSilence);
        var duration = recording.Recorded;
        _recording = null;
        _messageFile = null;
        if (!completed)
        {
            _voicemailResult = "voicemail not stored: the file could not be completed (disk full?)";
            EngineLog.VoicemailUnavailable(_services.Logger, Key, _box!, "the file could not be completed");
            DiscardMessageFile(_messageFileName);
            return false;
        }

        if (duration < ShortestMessage)
        {
            _voicemailResult = "no message left";
            DiscardMessageFile(_messageFileName);
            return false;
        }

        _ = _services.Voicemail!.AddMessageAsync(_box!, Caller, _recordingStarted, duration, _messageFileName!);
        return true;
    }

    private void DetachRecording()
    {
        if (_media?.Caller is { Receiver: RecordingReceiver r } session)
        {
            session.Receiver = r.Inner;
        }
    }

    private void DiscardMessageFile(string? name = null)
    {
        _messageFile?.Dispose();
        _messageFile = null;
        name ??= _messageFileName;
        if (name is null || _services.Voicemail is not { } boxes)
        {
            return;
        }

        try
        {
            File.Delete(Path.Combine(boxes.Options.Directory, name));
        }
        catch (IOException)
        {
            // A stray empty file is harmless; the index never names it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
