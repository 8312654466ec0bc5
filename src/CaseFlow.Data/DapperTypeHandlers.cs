using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data;

/// <summary>
/// How decimals, instants and dates cross into each engine (see the storage rules at the top of
/// db/sqlite/0001_create_schema.sql). Dapper's handlers are process-wide, so each handler looks at the
/// parameter's type to tell SQLite from SQL Server.
/// </summary>
internal static class DapperTypeHandlers
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers the handlers once per process; every caller returns only after they are in place.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            // Dapper maps these types natively and would never consult a handler for them otherwise.
            foreach (var type in new[] { typeof(decimal), typeof(decimal?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateOnly), typeof(DateOnly?) })
            {
                SqlMapper.RemoveTypeMap(type);
            }

            SqlMapper.AddTypeHandler(new HundredthsDecimalHandler());
            SqlMapper.AddTypeHandler(new UtcInstantHandler());
            SqlMapper.AddTypeHandler(new DateOnlyHandler());
            _registered = true;
        }
    }

    /// <summary>
    /// Every decimal CaseFlow stores has two decimal places (money DECIMAL(18,2), months DECIMAL(5,2)).
    /// SQLite keeps it as an INTEGER count of hundredths; SQL Server as DECIMAL(18,2). A value with more
    /// places is refused rather than rounded, on both engines alike.
    /// </summary>
    internal sealed class HundredthsDecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public const decimal Max = 9_999_999_999_999_999.99m;

        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            if (decimal.Round(value, 2) != value)
            {
                throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} has more than two decimal places; CaseFlow stores decimals to the hundredth.", nameof(value));
            }

            if (Math.Abs(value) > Max)
            {
                throw new OverflowException($"{value.ToString(CultureInfo.InvariantCulture)} does not fit DECIMAL(18,2).");
            }

            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.Int64;
                parameter.Value = (long)(value * 100m);
            }
            else
            {
                // A fixed precision and scale: SQL Server otherwise types each value by its own digits
                // and caches one plan per distinct parameter type.
                parameter.DbType = DbType.Decimal;
                parameter.Precision = 18;
                parameter.Scale = 2;
                parameter.Value = value;
            }
        }

        public override decimal Parse(object value) => value switch
        {
            decimal d => d,
            // Only SQLite hands back Int64 for a decimal member; it is a count of hundredths.
            long hundredths => FromHundredths(hundredths),
            // SQL Server types a bare integer literal or COUNT as int. (On SQLite a literal in a decimal
            // column position is hundredths, like the stored values.)
            int whole => whole,
            string text => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture),
            double or float => throw new InvalidCastException(
                "A decimal came back as a floating-point number, which is not exact: keep money out of REAL arithmetic (AVG, division) in SQL."),
            _ => throw new InvalidCastException($"Cannot read a decimal from {value.GetType().Name}."),
        };

        /// <summary>Scale 2 always, like a DECIMAL(18,2) read from SQL Server ("1.00", not "1").</summary>
        internal static decimal FromHundredths(long hundredths)
        {
            var magnitude = hundredths < 0 ? (ulong)(-(hundredths + 1)) + 1 : (ulong)hundredths;
            return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, hundredths < 0, 2);
        }
    }

    /// <summary>
    /// Instants are stored in UTC and to the millisecond on both engines (truncated, never rounded, so the
    /// two agree): SQLite as TEXT 'yyyy-MM-ddTHH:mm:ss.fffZ', SQL Server as DATETIMEOFFSET(3) at +00:00.
    /// </summary>
    internal sealed class UtcInstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public const string TextFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public static DateTimeOffset Normalize(DateTimeOffset value)
        {
            var utc = value.ToUniversalTime();
            return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond));
        }

        /// <summary>
        /// <see cref="TextFormat"/>, written digit by digit: every instant a write binds on SQLite comes through here,
        /// and formatting with the custom format string parses it on every call.
        /// </summary>
        public static string ToText(DateTimeOffset value) => string.Create(24, Normalize(value).UtcDateTime, static (text, utc) =>
        {
            Digits(text[..4], utc.Year);
            text[4] = '-';
            Digits(text.Slice(5, 2), utc.Month);
            text[7] = '-';
            Digits(text.Slice(8, 2), utc.Day);
            text[10] = 'T';
            Digits(text.Slice(11, 2), utc.Hour);
            text[13] = ':';
            Digits(text.Slice(14, 2), utc.Minute);
            text[16] = ':';
            Digits(text.Slice(17, 2), utc.Second);
            text[19] = '.';
            Digits(text.Slice(20, 3), utc.Millisecond);
            text[23] = 'Z';
        });

        private static void Digits(Span<char> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--)
            {
                into[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = Normalize(value);
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset instant => instant.ToUniversalTime(),
            string text => DateTimeOffset.ParseExact(
                text, TextFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            DateTime utc when utc.Kind != DateTimeKind.Local => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            _ => throw new InvalidCastException($"Cannot read an instant from {value.GetType().Name}."),
        };
    }

    /// <summary>Calendar dates: SQLite TEXT 'yyyy-MM-dd', SQL Server DATE.</summary>
    internal sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public const string TextFormat = "yyyy-MM-dd";

        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString(TextFormat, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text, TextFormat, CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException($"Cannot read a date from {value.GetType().Name}."),
        };
    }
}
