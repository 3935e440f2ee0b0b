using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Switchboard.Records;

/// <summary>
/// Where the engine hands each finished call's one record. Called on an engine worker: implementations
/// must queue and return at once (never touch a disk or a network on the caller's thread).
/// </summary>
public interface ICallRecordSink
{
    void Submit(CallRecord record);
}
