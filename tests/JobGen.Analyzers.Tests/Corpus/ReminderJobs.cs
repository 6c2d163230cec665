using System;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Appointments;

public interface IAppointmentBook
{
    Task<(string Email, DateTimeOffset StartsAt, bool Cancelled)?> FindAsync(Guid appointmentId, CancellationToken cancellationToken);
}

/// <summary>Scheduled for the day before an appointment; the email is keyed by appointment, the send time only logged.</summary>
public sealed class ReminderJobs(IAppointmentBook appointments, IEmailSender email, ILogger<ReminderJobs> logger)
{
    [BackgroundJob("appointments.remind", Queue = "mailers", MaxAttempts = 6)]
    public async Task SendAppointmentReminder(Guid appointmentId, CancellationToken cancellationToken)
    {
        var found = await appointments.FindAsync(appointmentId, cancellationToken).ConfigureAwait(false);
        if (found is not { Cancelled: false } appointment)
        {
            logger.LogInformation("Appointment {AppointmentId} cancelled or gone; no reminder", appointmentId);
            return;
        }

        await email.SendAsync(appointment.Email, "Your appointment tomorrow", $"See you at {appointment.StartsAt:t}",
            $"reminder:{appointmentId}", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Reminder for {AppointmentId} sent at {SentAt}, {Lead} before the start",
            appointmentId, DateTimeOffset.Now, appointment.StartsAt - DateTimeOffset.UtcNow);
    }
}
