using EdgePbx.Web.Plans;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Api;

/// <summary>The API's answer to a plan change: 200 with the new revision, or 422 with every issue (nothing changed).</summary>
public static class PlanResults
{
    public static IResult From(PlanEditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = new PlanEditResponse(result.Ok, result.Revision, result.Issues.Select(IssueDto.From).ToList());
        return Results.Json(body, WebJsonContext.Default.PlanEditResponse, statusCode: result.Ok ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}
