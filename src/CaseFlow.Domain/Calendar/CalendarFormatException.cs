namespace CaseFlow.Domain.Calendar;

/// <summary>A calendar file that cannot be read; <see cref="LineNumber"/> points at the offending line.</summary>
public sealed class CalendarFormatException : FormatException
{
    public CalendarFormatException()
    {
    }

    public CalendarFormatException(string message)
        : base(message)
    {
    }

    public CalendarFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarFormatException(string message, int lineNumber)
        : base(message) => LineNumber = lineNumber;

    /// <summary>1-based line of the error; 0 when the error is not about one line.</summary>
    public int LineNumber { get; }
}
