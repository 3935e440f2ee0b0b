using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;

namespace EdgePbx.Storage.Tests.Durability;

/// <summary>
/// Entry point of this assembly when started as a child process: "crash-writer DIR" writes call records in a
/// loop and prints each Call-ID only after WriteAsync returned (i.e. after the commit), until it is killed.
/// </summary>
public static class CrashWriterProgram
{
    public const string Verb = "crash-writer";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Verb, var dataDir])
        {
            Console.Error.WriteLine($"usage: {Verb} DIR");
            return 2;
        }

        using var db = PbxDatabase.Open(dataDir, TimeProvider.System);
        var writer = new CallRecordWriter(db);
        for (var i = 0; ; i++)
        {
            var record = CrashRecord(i);
            var result = await writer.WriteAsync(record);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(string.Join("; ", result.Errors));
                return 1;
            }

            Console.Out.WriteLine(record.CallId);
            Console.Out.Flush();
        }
    }

    public static CallRecord CrashRecord(int i) => Calls.Answered($"crash-{i}", Calls.T0.AddSeconds(i), caller: $"1380000{i:D4}");
}
