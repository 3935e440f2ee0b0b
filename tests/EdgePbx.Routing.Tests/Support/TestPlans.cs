using System.Text;
using EdgePbx.Routing.Json;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Tests.Support;

/// <summary>Plans for tests, written as JSON so the tests read like the files installers write.</summary>
internal static class TestPlans
{
    public static RoutingPlan Parse(string json)
    {
        var read = PlanJson.Read(Encoding.UTF8.GetBytes(json));
        Assert.True(read.Plan is not null, string.Join("\n", read.Errors));
        return read.Plan!;
    }

    /// <summary>Shanghai is UTC+8 with no daylight saving, so local times in tests are exact.</summary>
    public static DateTimeOffset Shanghai(string local) => DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgePbx.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EdgePbx.sln not found above the test binaries");
    }

    public static RoutingPlan Example(string name) =>
        Parse(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "plans", name)));

    /// <summary>A small valid plan the validation tests break one piece at a time.</summary>
    public const string Base = """
    {
      "version": 1,
      "numbers": {
        "4006123456": {
          "rules": [ { "schedule": "office", "target": "group:sales" } ],
          "default": "menu:main"
        }
      },
      "extensions": { "101": { "voicemail": true }, "102": {} },
      "groups": { "sales": { "members": [ { "target": "ext:101" }, { "target": "ext:102" } ], "overflow": "voicemail:101" } },
      "menus": { "main": { "prompt": "main.wav", "options": { "1": "group:sales", "9": "voicemail:101" } } },
      "schedules": { "office": { "weekly": [ { "days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "18:00" } ] } }
    }
    """;
}
