using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Validation;

public static partial class PlanValidator
{
    /// <summary>Lists, regions, limits and the tariff.</summary>
    private sealed partial class Walker
    {
        private void CheckLists()
        {
            NumberList(plan.Lists.Blacklist, "$.lists.blacklist");
            NumberList(plan.Lists.Whitelist, "$.lists.whitelist");
            if (plan.Lists.WhitelistOnly && plan.Lists.Whitelist.Numbers.Count + plan.Lists.Whitelist.Prefixes.Count == 0)
            {
                Error("$.lists.whitelistOnly", "whitelist-only with an empty whitelist refuses every call");
            }

            for (var i = 0; i < plan.BlockedRegions.Count; i++)
            {
                if (!_regions.IsKnownRegion(plan.BlockedRegions[i]))
                {
                    Error($"$.blockedRegions[{i}]", $"unknown region \"{plan.BlockedRegions[i]}\"");
                }
            }

            foreach (var (prefix, region) in plan.RegionPrefixes)
            {
                Digits(JsonPath.Member("$.regionPrefixes", prefix), prefix, "prefix");
                if (string.IsNullOrWhiteSpace(region))
                {
                    Error(JsonPath.Member("$.regionPrefixes", prefix), "region is empty");
                }
            }
        }

        private void NumberList(NumberList list, string path)
        {
            for (var i = 0; i < list.Numbers.Count; i++)
            {
                Digits($"{path}.numbers[{i}]", list.Numbers[i], "number");
            }

            for (var i = 0; i < list.Prefixes.Count; i++)
            {
                Digits($"{path}.prefixes[{i}]", list.Prefixes[i], "prefix");
            }
        }

        private void CheckLimits()
        {
            var l = plan.Limits;
            if (l.PerCaller is { } f)
            {
                if (f.MaxCalls < 1)
                {
                    Error("$.limits.perCaller.maxCalls", "must be at least 1");
                }

                if (f.WindowMinutes < 1)
                {
                    Error("$.limits.perCaller.windowMinutes", "must be at least 1");
                }
            }

            if (l.MaxConcurrent is < 1)
            {
                Error("$.limits.maxConcurrent", "must be at least 1");
            }

            if (l.MaxCallSeconds is < 1)
            {
                Error("$.limits.maxCallSeconds", "must be at least 1");
            }

            if (l.DailyCostCapFen is < 0)
            {
                Error("$.limits.dailyCostCapFen", "must not be negative");
            }

            if (l.MonthlyCostCapFen is < 0)
            {
                Error("$.limits.monthlyCostCapFen", "must not be negative");
            }

            var t = plan.Tariff;
            if (t.IncrementSeconds is not (6 or 60))
            {
                Error("$.tariff.incrementSeconds", $"billing increment must be 6 or 60 seconds, not {t.IncrementSeconds}");
            }

            if (t.PricePerMinuteFen < 0)
            {
                Error("$.tariff.pricePerMinuteFen", "must not be negative");
            }

            if (t.LocalPricePerMinuteFen < 0)
            {
                Error("$.tariff.localPricePerMinuteFen", "must not be negative");
            }
        }
    }
}
