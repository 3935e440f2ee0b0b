namespace EdgePbx.Web.Tests.Support;

/// <summary>Plans the web tests start from.</summary>
public static class TestPlans
{
    /// <summary>The demo plan: four phones, a sales group, an IVR on the 400 number in business hours (Asia/Shanghai).</summary>
    public const string Demo = """
        {
          "version": 1,
          "timeZone": "Asia/Shanghai",
          "numbers": {
            "4006123456": {
              "name": "Main hotline",
              "welcome": "prompts/welcome.wav",
              "rules": [ { "name": "after hours", "schedule": "business", "whenOpen": false, "target": "voicemail:101" } ],
              "default": "menu:main"
            }
          },
          "extensions": {
            "101": { "name": "Reception", "voicemail": true },
            "102": { "name": "Sales 1", "voicemail": true },
            "103": { "name": "Sales 2" },
            "104": { "name": "Support" }
          },
          "groups": {
            "sales": { "name": "Sales", "strategy": "roundRobin", "members": [ { "target": "ext:102" }, { "target": "ext:103" } ], "overflow": "voicemail:102" }
          },
          "menus": {
            "main": { "prompt": "prompts/main-menu.wav", "options": { "1": "group:sales", "2": "ext:104", "0": "ext:101" }, "onTimeout": "ext:101", "onInvalid": "ext:101" }
          },
          "schedules": {
            "business": { "name": "Business hours", "weekly": [ { "days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "18:00" } ] }
          }
        }
        """;
}
