using System.Security.Cryptography;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Logging;
using EdgePbx.Cloud.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Cloud.Apply;

/// <summary>
/// The apply pipeline: read envelope → trusted key and signature → target → replay guard → plan
/// validation → atomic store. The first failing step decides the outcome and nothing is changed.
/// Push and pull both feed this one instance, which handles one envelope at a time.
/// </summary>
public sealed class PlanApplier : IDisposable
{
    private readonly DeviceIdentity _device;
    private readonly PlanVerifier _verifier;
    private readonly IPlanValidator _validator;
    private readonly IPlanStore _store;
    private readonly ILogger _logger;

    // Push and pull may deliver at once; the replay guard is only sound if read-check-apply is not
    // interleaved, so envelopes go through one at a time (the store does the I/O inside).
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _lastAcceptedHash;

    public PlanApplier(
        DeviceIdentity device,
        PlanVerifier verifier,
        IPlanValidator validator,
        IPlanStore store,
        ILogger<PlanApplier>? logger = null)
    {
        _device = device;
        _verifier = verifier;
        _validator = validator;
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public DeviceIdentity Device => _device;

    public ValueTask<PlanStoreState> GetStateAsync(CancellationToken cancellationToken) => _store.GetStateAsync(cancellationToken);

    /// <param name="source">Where the bytes came from (topic or URL), for the log.</param>
    public async Task<ApplyOutcome> ApplyAsync(ReadOnlyMemory<byte> envelopeBytes, string source, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = await ApplyOneAsync(envelopeBytes, cancellationToken).ConfigureAwait(false);
            Log(outcome, source);
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Back to last-known-good (<c>edgepbx plan rollback</c>). Null when there is nothing to go back to.</summary>
    public async Task<PlanStoreState?> RollbackAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await _store.RollbackAsync(cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                _logger.RolledBack(state.CurrentVersion);
            }

            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ApplyOutcome> ApplyOneAsync(ReadOnlyMemory<byte> envelopeBytes, CancellationToken cancellationToken)
    {
        var decoded = EnvelopeCodec.Decode(envelopeBytes.Span);
        if (decoded.Value is not { } envelope)
        {
            return ApplyOutcome.Rejected(null, decoded.Error!);
        }

        var header = envelope.Header;
        var hash = SHA256.HashData(envelopeBytes.Span);
        if (_lastAcceptedHash is not null && hash.AsSpan().SequenceEqual(_lastAcceptedHash))
        {
            return ApplyOutcome.AlreadyApplied(header.Version);
        }

        if (_verifier.Verify(envelope) is { } signatureProblem)
        {
            return ApplyOutcome.Rejected(header.Version, signatureProblem);
        }

        if (!_device.IsTargetedBy(header.Target))
        {
            return ApplyOutcome.Rejected(header.Version, new RejectionReason(
                RejectionCode.WrongTarget, $"plan is for {header.Target}, this is device:{_device.DeviceId}"));
        }

        var state = await _store.GetStateAsync(cancellationToken).ConfigureAwait(false);
        if (header.Version <= state.HighestAcceptedVersion)
        {
            return ApplyOutcome.Rejected(header.Version, new RejectionReason(
                RejectionCode.StaleVersion,
                $"version {header.Version} is not newer than {state.HighestAcceptedVersion} already accepted"));
        }

        var errors = _validator.Validate(envelope.PlanJson);
        if (errors.Count > 0)
        {
            return ApplyOutcome.Rejected(header.Version, errors
                .Select(e => new RejectionReason(RejectionCode.InvalidPlan, e.ToString()))
                .ToList());
        }

        var accepted = new AcceptedPlan(header.Version, header.IssuedAt, header.Target, header.KeyId, envelope.PlanJson, envelopeBytes.ToArray());
        try
        {
            await _store.ApplyAsync(accepted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A broken disk is not the cloud's fault, but the cloud must hear that the plan did not
            // take; the store's transaction guarantees the running plan is unchanged.
            _logger.StoreFailed(header.Version, e);
            return ApplyOutcome.Rejected(header.Version, new RejectionReason(RejectionCode.StoreFailed, e.Message));
        }

        _lastAcceptedHash = hash;
        return ApplyOutcome.Applied(header.Version);
    }

    private void Log(ApplyOutcome outcome, string source)
    {
        switch (outcome.Kind)
        {
            case ApplyOutcomeKind.Applied:
                _logger.PlanApplied(outcome.Version!.Value, source);
                break;
            case ApplyOutcomeKind.AlreadyApplied:
                _logger.PlanAlreadyApplied(outcome.Version!.Value, source);
                break;
            default:
                _logger.PlanRejected(outcome.Version, source, CloudLog.Describe(outcome.Reasons));
                break;
        }
    }
}
