"""What people write in the app (assessments, meeting dates, final marks), with every change kept."""
