using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Sip;

/// <summary>The native daemon registers with the carrier named in its settings' trunk section (sipp as the carrier's registrar).</summary>
public sealed class DaemonTrunkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-trunk-").FullName;

    [Fact]
    public async Task Box_registers_with_the_carrier_answering_its_digest_challenge()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        int carrierPort = FreePorts.UdpAndTcp();
        var settings = Path.Combine(_dir, "edgepbx.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "trunk": { "target": "127.0.0.1:{{carrierPort}}", "domain": "carrier.test", "account": "4006123456",
                         "username": "4006123456", "password": "trunk-secret" } }
            """);
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;

        // The carrier listens first (sipp only answers here), so the binary must be published before its 15 s start.
        Assert.True(File.Exists(NativeBinary.Path));
        var carrier = Task.Run(() => Sipp.RunOn(sipp, "carrier_registrar.xml", 9, carrierPort));
        await Task.Delay(500);
        using var daemon = DaemonProcess.StartIn(data, null, "--config", settings);
        var (code, output) = await carrier;
        Assert.True(code == 0, $"carrier: sipp exit {code}:\n{output}\ndaemon:\n{daemon.Output}");

        await daemon.WaitForOutputAsync("Trunk registration is now Registered", TimeSpan.FromSeconds(10));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
