using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Api;

/// <summary>Reads an API body with a hard cap, so a hostile client cannot make the box buffer megabytes.</summary>
public static class RequestBody
{
    /// <summary>A whole plan is a few kilobytes; 256 KiB leaves room for a large one.</summary>
    public const int MaxBytes = 256 * 1024;

    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpContext http, string expectedType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentType is not { } type || !type.StartsWith(expectedType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, $"send {expectedType}"));
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBytes} bytes"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBytes} bytes"));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    public static IResult Error(int status, string message) =>
        Results.Json(new ApiError(message), WebJsonContext.Default.ApiError, statusCode: status);
}
