namespace EdgePbx.Sip.Transactions;

/// <summary>
/// A response the transaction user hands its server transaction: what the transaction needs to send, retransmit and
/// change state by. The stack writes responses and never parses them back (it made them, so they are valid).
/// </summary>
/// <param name="StatusCode">The status code (100-699).</param>
/// <param name="Raw">The response's bytes as sent.</param>
public readonly record struct OutgoingResponse(int StatusCode, ReadOnlyMemory<byte> Raw);
