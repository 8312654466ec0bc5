namespace CaseFlow.Domain.Calendar;

/// <summary>What an acceptance SLA is measured in.</summary>
public enum AcceptanceUnit
{
    /// <summary>Office hours on working days (<see cref="OfficeHours"/>).</summary>
    WorkingHours = 1,

    /// <summary>Whole working days counted from the day after receipt; due at the end of the last one.</summary>
    WorkingDays = 2,
}
