namespace EdgePbx.Routing.Tests.Support;

/// <summary>The plan the evaluator tests run against: one feature per rule, group or list entry.</summary>
internal static class EvaluatorPlan
{
    public const string Hotline = "4001234567";

    public const string Json = """
    {
      "version": 1,
      "numbers": {
        "4001234567": {
          "welcome": "welcome.wav",
          "ringback": "audio",
          "ringbackAudio": "music.wav",
          "maxConcurrent": 2,
          "fax": "ext:109",
          "night": "voicemail:101",
          "rules": [
            { "name": "after hours", "schedule": "office", "whenOpen": false, "target": "voicemail:101" },
            { "name": "south", "regions": ["Guangdong"], "target": "group:south" },
            { "name": "unicom", "carriers": ["CUCC"], "target": "ext:104" },
            { "name": "shandong split", "regions": ["Shandong"], "split": [ { "target": "group:a", "percent": 70 }, { "target": "group:b", "percent": 30 } ] }
          ],
          "default": "menu:main"
        }
      },
      "extensions": {
        "101": { "voicemail": true, "followMe": true, "bound": [ { "number": "13800138000", "schedule": "evenings" }, { "number": "13900139000" } ] },
        "102": {}, "103": {}, "104": {},
        "105": { "doNotDisturb": true, "voicemail": true },
        "106": { "doNotDisturb": true },
        "109": {}
      },
      "groups": {
        "south": { "strategy": "sequential", "members": [ { "target": "ext:102" }, { "target": "ext:103" } ], "overflow": "voicemail:101" },
        "a": { "strategy": "ringAll", "members": [ { "target": "ext:102" }, { "target": "ext:103" } ] },
        "b": { "strategy": "ringAll", "members": [ { "target": "ext:104" } ] },
        "rr": { "strategy": "roundRobin", "members": [ { "target": "ext:102" }, { "target": "ext:103" }, { "target": "ext:104" } ] },
        "w": { "strategy": "weighted", "members": [ { "target": "ext:102", "weight": 60 }, { "target": "ext:103", "weight": 39 }, { "target": "external:13700137000", "weight": 1 } ] },
        "custom": { "strategy": "custom", "ringSeconds": 30, "members": [ { "target": "ext:102", "delaySeconds": 0, "ringSeconds": 10 }, { "target": "ext:103", "delaySeconds": 10 } ] },
        "lr": { "strategy": "leastRecent", "members": [ { "target": "ext:102" }, { "target": "ext:103" }, { "target": "ext:104" } ] },
        "fc": { "strategy": "fewestCalls", "members": [ { "target": "ext:102" }, { "target": "ext:103" }, { "target": "ext:104" } ] },
        "rnd": { "strategy": "random", "members": [ { "target": "ext:102" }, { "target": "ext:103" }, { "target": "ext:104" } ] },
        "queue": { "members": [ { "target": "ext:102" } ], "repeat": 3, "maxWaiting": 2, "overflow": "group:b" },
        "everyone": { "strategy": "ringAll", "skipBusy": false, "members": [ { "target": "ext:102" }, { "target": "ext:103" } ] }
      },
      "menus": {
        "main": {
          "prompt": "main.wav",
          "options": { "1": "group:rr", "2": "group:w", "3": "group:custom", "4": "group:lr", "5": "group:fc", "6": "group:rnd", "7": "group:queue", "8": "group:everyone", "0": "menu:sub" },
          "directDial": true, "onTimeout": "ext:101", "onInvalid": "hangup"
        },
        "sub": { "prompt": "sub.wav", "options": { "1": "ext:105", "2": "ext:106", "3": "external:02161234567", "*": "menu:main" } }
      },
      "schedules": {
        "office": { "weekly": [ { "days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "18:00" } ], "overrides": [ { "date": "2026-10-01", "until": "2026-10-07" } ] },
        "evenings": { "weekly": [ { "days": ["mon","tue","wed","thu","fri","sat","sun"], "from": "18:00", "to": "09:00" } ] }
      },
      "lists": {
        "blacklist": { "numbers": ["02155550000"], "prefixes": ["0571"] },
        "whitelist": { "numbers": ["057188880000"], "prefixes": ["0991888"] }
      },
      "blockedRegions": ["Xinjiang"],
      "regionPrefixes": { "1392000": "Guangdong/Shenzhen" },
      "limits": { "perCaller": { "maxCalls": 3, "windowMinutes": 10 }, "maxConcurrent": 10, "maxCallSeconds": 1800, "dailyCostCapFen": 1000, "monthlyCostCapFen": 20000 },
      "tariff": { "pricePerMinuteFen": 12, "incrementSeconds": 6 }
    }
    """;
}
