using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Cli;

/// <summary><c>edgepbx plan check/explain</c> on the example plans, and a bad plan stopping start-up.</summary>
public sealed class PlanCliTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-plan-").FullName;

    [Theory]
    [InlineData("demo.json")]
    [InlineData("hotline-400.json")]
    [InlineData("whitelist-only.json")]
    public void Example_plans_pass_plan_check(string name)
    {
        var (code, stdout, stderr) = DaemonProcess.RunToExit(Patience, "plan", "check", Example(name));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("plan OK", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_with_a_dangling_target_is_refused_with_its_json_path()
    {
        var bad = File.ReadAllText(Example("demo.json")).Replace("\"1\": \"group:sales\"", "\"1\": \"group:sales2\"", StringComparison.Ordinal);
        Assert.Contains("group:sales2", bad, StringComparison.Ordinal);
        string file = Path.Combine(_dir, "bad.json");
        File.WriteAllText(file, bad);

        var (code, stdout, _) = DaemonProcess.RunToExit(Patience, "plan", "check", file);
        Assert.Equal(1, code);
        Assert.Contains("$.menus.main.options.1", stdout, StringComparison.Ordinal);
        Assert.Contains("sales2", stdout, StringComparison.Ordinal);
        Assert.Contains("plan REJECTED", stdout, StringComparison.Ordinal);

        var (runCode, _, runErr) = DaemonProcess.RunToExit(Patience, "run", "--data", Path.Combine(_dir, "data"), "--plan", file,
            "--sip", $"127.0.0.1:{FreePorts.UdpAndTcp()}", "--web", $"127.0.0.1:{FreePorts.UdpAndTcp()}");
        Assert.Equal(78, runCode);
        Assert.Contains($"edgepbx: planFile {file}: error: $.menus.main.options.1", runErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_check_of_json_that_is_not_a_plan_names_the_problem()
    {
        string file = Path.Combine(_dir, "broken.json");
        File.WriteAllText(file, "{ \"version\": 1, \"numbers\": { \"400\": { \"default\": 5 } } ");
        var (code, stdout, _) = DaemonProcess.RunToExit(Patience, "plan", "check", file);
        Assert.Equal(1, code);
        Assert.StartsWith("error: $", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_business_hours_going_to_the_menu_and_nights_to_voicemail()
    {
        var (dayCode, day, dayErr) = DaemonProcess.RunToExit(Patience, "plan", "explain", Example("demo.json"),
            "--caller", "02158881234", "--called", "4006123456", "--at", "2026-11-25T10:00+08:00");
        Assert.True(dayCode == 0, day + dayErr);
        Assert.Contains("decision:", day, StringComparison.Ordinal);
        Assert.Contains("main", day, StringComparison.Ordinal);

        var (nightCode, night, _) = DaemonProcess.RunToExit(Patience, "plan", "explain", Example("demo.json"),
            "--caller", "02158881234", "--called", "4006123456", "--at", "2026-11-25T23:00+08:00");
        Assert.Equal(0, nightCode);
        Assert.Contains("voicemail", night.Split("decision:")[1], StringComparison.Ordinal);
        Assert.NotEqual(day, night);
    }

    [Fact]
    public void Explain_refuses_a_time_that_is_not_iso_8601()
    {
        var (code, _, stderr) = DaemonProcess.RunToExit(Patience, "plan", "explain", Example("demo.json"),
            "--caller", "1", "--called", "4006123456", "--at", "tomorrow");
        Assert.Equal(64, code);
        Assert.Contains("--at 'tomorrow'", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string name) => Path.Combine(RepositoryPaths.Root, "examples", "plans", name);
}
