<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountDirectory</name>
    <message>
        <source>Enter a username and the server&apos;s address.</source>
        <translation>Enter a username and the server&apos;s address.</translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot; for this account&apos;s data. Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Cannot create the folder &quot;%1&quot; for this account&apos;s data. Check the disk and the folder&apos;s permissions, then try again.</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Surname</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Middle name</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>Religion</source>
        <translation>Religion</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>Citizen ID</source>
        <translation>Citizen ID</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Address before the merger</source>
        <translation>Address before the merger</translation>
    </message>
    <message>
        <source>Residential area code</source>
        <translation>Residential area code</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>Head of household (person)</source>
        <translation>Head of household (person)</translation>
    </message>
    <message>
        <source>Poverty status</source>
        <translation>Poverty status</translation>
    </message>
    <message>
        <source>Poverty standard period</source>
        <translation>Poverty standard period</translation>
    </message>
    <message>
        <source>Basic services lacking</source>
        <translation>Basic services lacking</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Residential area</source>
        <translation>Residential area</translation>
    </message>
    <message>
        <source>Counted on</source>
        <translation>Counted on</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Re-elected</source>
        <translation>Re-elected</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Reason for leaving</source>
        <translation>Reason for leaving</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>Standing</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Decision number</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Religious organisation</source>
        <translation>Religious organisation</translation>
    </message>
    <message>
        <source>Place of worship</source>
        <translation>Place of worship</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Receipt or payment</source>
        <translation>Receipt or payment</translation>
    </message>
    <message>
        <source>Amount (VND)</source>
        <translation>Amount (VND)</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>From or to</source>
        <translation>From or to</translation>
    </message>
    <message>
        <source>Beneficiary household</source>
        <translation>Beneficiary household</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>From the Fund (VND)</source>
        <translation>From the Fund (VND)</translation>
    </message>
    <message>
        <source>From the state budget (VND)</source>
        <translation>From the state budget (VND)</translation>
    </message>
    <message>
        <source>From donors (VND)</source>
        <translation>From donors (VND)</translation>
    </message>
    <message>
        <source>Started on</source>
        <translation>Started on</translation>
    </message>
    <message>
        <source>Handed over on</source>
        <translation>Handed over on</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>Residential areas</source>
        <translation>Residential areas</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <source>Committee members</source>
        <translation>Committee members</translation>
    </message>
    <message>
        <source>Notable persons</source>
        <translation>Notable persons</translation>
    </message>
    <message>
        <source>Religious dignitaries</source>
        <translation>Religious dignitaries</translation>
    </message>
    <message>
        <source>Fund for the Poor</source>
        <translation>Fund for the Poor</translation>
    </message>
    <message>
        <source>Solidarity houses</source>
        <translation>Solidarity houses</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Poor</translation>
    </message>
    <message>
        <source>Near-poor</source>
        <translation>Near-poor</translation>
    </message>
    <message>
        <source>Escaped poverty</source>
        <translation>Escaped poverty</translation>
    </message>
    <message>
        <source>Not poor</source>
        <translation>Not poor</translation>
    </message>
    <message>
        <source>Village (thôn)</source>
        <translation>Village (thôn)</translation>
    </message>
    <message>
        <source>Residential group (tổ dân phố)</source>
        <translation>Residential group (tổ dân phố)</translation>
    </message>
    <message>
        <source>Hamlet (ấp)</source>
        <translation>Hamlet (ấp)</translation>
    </message>
    <message>
        <source>Hamlet (bản)</source>
        <translation>Hamlet (bản)</translation>
    </message>
    <message>
        <source>Hamlet (buôn)</source>
        <translation>Hamlet (buôn)</translation>
    </message>
    <message>
        <source>Village (làng)</source>
        <translation>Village (làng)</translation>
    </message>
    <message>
        <source>Quarter (khu phố)</source>
        <translation>Quarter (khu phố)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Fatherland Front Committee</source>
        <translation>Fatherland Front Committee</translation>
    </message>
    <message>
        <source>Front Work Committee</source>
        <translation>Front Work Committee</translation>
    </message>
    <message>
        <source>Trade Union</source>
        <translation>Trade Union</translation>
    </message>
    <message>
        <source>Farmers&apos; Association</source>
        <translation>Farmers&apos; Association</translation>
    </message>
    <message>
        <source>Women&apos;s Union</source>
        <translation>Women&apos;s Union</translation>
    </message>
    <message>
        <source>Youth Union</source>
        <translation>Youth Union</translation>
    </message>
    <message>
        <source>Veterans&apos; Association</source>
        <translation>Veterans&apos; Association</translation>
    </message>
    <message>
        <source>Other association</source>
        <translation>Other association</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Vice-chair</source>
        <translation>Vice-chair</translation>
    </message>
    <message>
        <source>Standing member</source>
        <translation>Standing member</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Head of the Front Work Committee</source>
        <translation>Head of the Front Work Committee</translation>
    </message>
    <message>
        <source>Deputy head of the Front Work Committee</source>
        <translation>Deputy head of the Front Work Committee</translation>
    </message>
    <message>
        <source>Full-time cadre</source>
        <translation>Full-time cadre</translation>
    </message>
    <message>
        <source>Head of a member organisation</source>
        <translation>Head of a member organisation</translation>
    </message>
    <message>
        <source>Typical individual</source>
        <translation>Typical individual</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>Full-time</translation>
    </message>
    <message>
        <source>Village elder</source>
        <translation>Village elder</translation>
    </message>
    <message>
        <source>Head of a clan</source>
        <translation>Head of a clan</translation>
    </message>
    <message>
        <source>Head of a village</source>
        <translation>Head of a village</translation>
    </message>
    <message>
        <source>Dignitary</source>
        <translation>Dignitary</translation>
    </message>
    <message>
        <source>Intellectual</source>
        <translation>Intellectual</translation>
    </message>
    <message>
        <source>Business person</source>
        <translation>Business person</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>Healer</source>
        <translation>Healer</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <source>No longer recognised</source>
        <translation>No longer recognised</translation>
    </message>
    <message>
        <source>Office-holder</source>
        <translation>Office-holder</translation>
    </message>
    <message>
        <source>Monastic</source>
        <translation>Monastic</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Housing</translation>
    </message>
    <message>
        <source>Livelihood</source>
        <translation>Livelihood</translation>
    </message>
    <message>
        <source>Schooling</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>Health care</source>
        <translation>Health care</translation>
    </message>
    <message>
        <source>Relief</source>
        <translation>Relief</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <source>New house</source>
        <translation>New house</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Under construction</source>
        <translation>Under construction</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Required: fill it in.</source>
        <translation>Required: fill it in.</translation>
    </message>
    <message>
        <source>Write a whole number, without dots or commas.</source>
        <translation>Write a whole number, without dots or commas.</translation>
    </message>
    <message>
        <source>This value cannot be stored here: correct it.</source>
        <translation>This value cannot be stored here: correct it.</translation>
    </message>
    <message>
        <source>Choose one of the values in the list.</source>
        <translation>Choose one of the values in the list.</translation>
    </message>
    <message>
        <source>Not a date: write it as dd/mm/yyyy, for example 02/09/1975.</source>
        <translation>Not a date: write it as dd/mm/yyyy, for example 02/09/1975.</translation>
    </message>
    <message>
        <source>This field changes only through its actions (submit, accept, return).</source>
        <translation>This field changes only through its actions (submit, accept, return).</translation>
    </message>
    <message>
        <source>Attach the file again.</source>
        <translation>Attach the file again.</translation>
    </message>
    <message>
        <source>Must be at least %1.</source>
        <translation>Must be at least %1.</translation>
    </message>
    <message>
        <source>Cannot be negative.</source>
        <translation>Cannot be negative.</translation>
    </message>
    <message>
        <source>A citizen ID has exactly 12 digits, without spaces.</source>
        <translation>A citizen ID has exactly 12 digits, without spaces.</translation>
    </message>
    <message>
        <source>Not a Vietnamese phone number: write 10 digits starting with 0, such as 0912 345 678.</source>
        <translation>Not a Vietnamese phone number: write 10 digits starting with 0, such as 0912 345 678.</translation>
    </message>
    <message>
        <source>This value does not have the expected form.</source>
        <translation>This value does not have the expected form.</translation>
    </message>
    <message>
        <source>Check: this does not match %1.</source>
        <translation>Check: this does not match %1.</translation>
    </message>
    <message>
        <source>Check: this date has not come yet.</source>
        <translation>Check: this date has not come yet.</translation>
    </message>
    <message>
        <source>Number of members</source>
        <translation>Number of members</translation>
    </message>
    <message>
        <source>Number of households</source>
        <translation>Number of households</translation>
    </message>
    <message>
        <source>Report type</source>
        <translation>Report type</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Typical activities</source>
        <translation>Typical activities</translation>
    </message>
    <message>
        <source>Difficulties</source>
        <translation>Difficulties</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>Reason for returning</translation>
    </message>
    <message>
        <source>Persons in the registry</source>
        <translation>Persons in the registry</translation>
    </message>
    <message>
        <source>Members of the organisations</source>
        <translation>Members of the organisations</translation>
    </message>
    <message>
        <source>Full-time cadres</source>
        <translation>Full-time cadres</translation>
    </message>
    <message>
        <source>Poor households</source>
        <translation>Poor households</translation>
    </message>
    <message>
        <source>Near-poor households</source>
        <translation>Near-poor households</translation>
    </message>
    <message>
        <source>Households out of poverty</source>
        <translation>Households out of poverty</translation>
    </message>
    <message>
        <source>Fund receipts in the period (VND)</source>
        <translation>Fund receipts in the period (VND)</translation>
    </message>
    <message>
        <source>Fund payments in the period (VND)</source>
        <translation>Fund payments in the period (VND)</translation>
    </message>
    <message>
        <source>Solidarity houses built in the period</source>
        <translation>Solidarity houses built in the period</translation>
    </message>
    <message>
        <source>Solidarity houses repaired in the period</source>
        <translation>Solidarity houses repaired in the period</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Type a few letters of the name and choose the record from the list that drops down.</source>
        <translation>Type a few letters of the name and choose the record from the list that drops down.</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>The system keychain cannot be used because the home folder &quot;%1&quot; does not exist. Secrets are kept in an encrypted file instead.</source>
        <translation>The system keychain cannot be used because the home folder &quot;%1&quot; does not exist. Secrets are kept in an encrypted file instead.</translation>
    </message>
    <message>
        <source>No secret is saved in the system keychain under &quot;%1&quot;.</source>
        <translation>No secret is saved in the system keychain under &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The system keychain refused access (%1). Unlock the keychain and try again.</source>
        <translation>The system keychain refused access (%1). Unlock the keychain and try again.</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). Secrets are kept in an encrypted file instead.</source>
        <translation>The system keychain is not available (%1). Secrets are kept in an encrypted file instead.</translation>
    </message>
    <message>
        <source>The system keychain failed (%1). Try again.</source>
        <translation>The system keychain failed (%1). Try again.</translation>
    </message>
</context>
<context>
    <name>RecordTitles</name>
    <message>
        <source>born %1</source>
        <translation>born %1</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1 (deleted)</translation>
    </message>
    <message>
        <source>(not on this computer yet)</source>
        <translation>(not on this computer yet)</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Commune cadre</source>
        <translation>Commune cadre</translation>
    </message>
    <message>
        <source>Commune Front chair</source>
        <extracomment>Chair of the commune&apos;s Fatherland Front committee (Chủ tịch Ủy ban MTTQ cấp xã).</extracomment>
        <translation>Commune Front chair</translation>
    </message>
    <message>
        <source>Provincial staff</source>
        <translation>Provincial staff</translation>
    </message>
    <message>
        <source>Central administrator</source>
        <translation>Central administrator</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Auditor</translation>
    </message>
</context>
<context>
    <name>VaultFileSecretStore</name>
    <message>
        <source>The file of saved secrets &quot;%1&quot; is damaged. Delete it, then sign in online again.</source>
        <translation>The file of saved secrets &quot;%1&quot; is damaged. Delete it, then sign in online again.</translation>
    </message>
    <message>
        <source>The file of saved secrets &quot;%1&quot; cannot be read or written (%2). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>The file of saved secrets &quot;%1&quot; cannot be read or written (%2). Check the disk and the folder&apos;s permissions, then try again.</translation>
    </message>
    <message>
        <source>The file of saved secrets &quot;%1&quot; was written by a newer version of Mặt trận số. Update the application.</source>
        <translation>The file of saved secrets &quot;%1&quot; was written by a newer version of Mặt trận số. Update the application.</translation>
    </message>
    <message>
        <source>The password does not open the file of saved secrets. Enter the password again, or sign in online.</source>
        <translation>The password does not open the file of saved secrets. Enter the password again, or sign in online.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the saved secrets. Close other programs and try again.</source>
        <translation>Not enough memory to protect the saved secrets. Close other programs and try again.</translation>
    </message>
    <message>
        <source>No secret is saved under &quot;%1&quot;.</source>
        <translation>No secret is saved under &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot read the certificate file %1: %2</source>
        <translation>Cannot read the certificate file %1: %2</translation>
    </message>
    <message>
        <source>The file %1 holds no certificate in PEM format.</source>
        <translation>The file %1 holds no certificate in PEM format.</translation>
    </message>
</context>
<context>
    <name>mts::AccountKeys</name>
    <message>
        <source>This account has not signed in online on this computer yet. Connect to the internet and sign in online.</source>
        <translation>This account has not signed in online on this computer yet. Connect to the internet and sign in online.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; is damaged. Connect to the internet and sign in online; if that does not help, ask your administrator.</source>
        <translation>The account file &quot;%1&quot; is damaged. Connect to the internet and sign in online; if that does not help, ask your administrator.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; cannot be read (%2). Check the disk and the folder&apos;s permissions.</source>
        <translation>The account file &quot;%1&quot; cannot be read (%2). Check the disk and the folder&apos;s permissions.</translation>
    </message>
    <message>
        <source>The account file was written by a newer version of Mặt trận số. Update the application.</source>
        <translation>The account file was written by a newer version of Mặt trận số. Update the application.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; cannot be written (%2). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>The account file &quot;%1&quot; cannot be written (%2). Check the disk and the folder&apos;s permissions, then try again.</translation>
    </message>
    <message>
        <source>Not enough memory to check the password. Close other programs and try again.</source>
        <translation>Not enough memory to check the password. Close other programs and try again.</translation>
    </message>
    <message>
        <source>The password is not correct. Check it and try again.</source>
        <translation>The password is not correct. Check it and try again.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Enter a password.</translation>
    </message>
    <message>
        <source>This account already has its keys on this computer.</source>
        <translation>This account already has its keys on this computer.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the keys. Close other programs and try again.</source>
        <translation>Not enough memory to protect the keys. Close other programs and try again.</translation>
    </message>
    <message>
        <source>No keychain is set up.</source>
        <translation>No keychain is set up.</translation>
    </message>
    <message numerus="yes">
        <source>You have not signed in online for more than %n day(s), the longest this computer may be used offline. Connect to the internet and sign in online.</source>
        <translation>
            <numerusform>You have not signed in online for more than %n day, the longest this computer may be used offline. Connect to the internet and sign in online.</numerusform>
            <numerusform>You have not signed in online for more than %n days, the longest this computer may be used offline. Connect to the internet and sign in online.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>Enter a new password.</translation>
    </message>
</context>
<context>
    <name>mts::AccountSession</name>
    <message>
        <source>That is not your account&apos;s password. Type the password you use to sign in.</source>
        <translation>That is not your account&apos;s password. Type the password you use to sign in.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait a few minutes, then try again.</source>
        <translation>Too many wrong passwords. Wait a few minutes, then try again.</translation>
    </message>
    <message>
        <source>The server could not check the password. Try again when the connection is back.</source>
        <translation>The server could not check the password. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>This account has never signed in on this computer. Connect to the network and sign in online first.</source>
        <translation>This account has never signed in on this computer. Connect to the network and sign in online first.</translation>
    </message>
</context>
<context>
    <name>mts::CertificateTrustDialog</name>
    <message>
        <source>Trust the server&apos;s certificate?</source>
        <translation>Trust the server&apos;s certificate?</translation>
    </message>
    <message>
        <source>Trust certificate</source>
        <translation>Trust certificate</translation>
    </message>
    <message>
        <source>The server at %1 presented a security certificate that this computer does not trust. This is normal for a server that your unit runs itself.</source>
        <translation>The server at %1 presented a security certificate that this computer does not trust. This is normal for a server that your unit runs itself.</translation>
    </message>
    <message>
        <source>Compare the SHA-256 fingerprint above with the one your administrator gave you. Trust the certificate only if every character matches; otherwise choose Cancel and tell your administrator, because someone may be intercepting the connection.</source>
        <translation>Compare the SHA-256 fingerprint above with the one your administrator gave you. Trust the certificate only if every character matches; otherwise choose Cancel and tell your administrator, because someone may be intercepting the connection.</translation>
    </message>
    <message>
        <source>This certificate has expired or is not valid yet, so it cannot be trusted. Check this computer&apos;s date and time, or ask your administrator to renew the server&apos;s certificate.</source>
        <translation>This certificate has expired or is not valid yet, so it cannot be trusted. Check this computer&apos;s date and time, or ask your administrator to renew the server&apos;s certificate.</translation>
    </message>
</context>
<context>
    <name>mts::CertificateView</name>
    <message>
        <source>Issued to:</source>
        <translation>Issued to:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Valid from:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 fingerprint:</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (self-signed)</translation>
    </message>
</context>
<context>
    <name>mts::ImportDialog</name>
    <message>
        <source>Import from a CSV file: %1</source>
        <translation>Import from a CSV file: %1</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>&amp;Choose a file…</translation>
    </message>
    <message>
        <source>The file&apos;s first rows; the lists in the first row say which field each column fills</source>
        <translation>The file&apos;s first rows; the lists in the first row say which field each column fills</translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation>Problems found in the file</translation>
    </message>
    <message>
        <source>Import &amp;only the valid rows</source>
        <translation>Import &amp;only the valid rows</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Choose the list to import</source>
        <translation>Choose the list to import</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV files (*.csv *.txt)</translation>
    </message>
    <message>
        <source>The file %1 cannot be opened: %2.</source>
        <translation>The file %1 cannot be opened: %2.</translation>
    </message>
    <message>
        <source>The file %1 holds no rows.</source>
        <translation>The file %1 holds no rows.</translation>
    </message>
    <message>
        <source>The file %1 is not a CSV file in UTF-8 (%2). In Excel, save it again as &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>The file %1 is not a CSV file in UTF-8 (%2). In Excel, save it again as &quot;CSV UTF-8 (comma delimited)&quot;.</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>Line %1, %2: %3</source>
        <translation>Line %1, %2: %3</translation>
    </message>
    <message>
        <source>%1 rows, all valid.</source>
        <translation>%1 rows, all valid.</translation>
    </message>
    <message>
        <source>%1 rows: %2 valid, %3 with problems (listed below). Correct the file and choose it again, or import only the valid rows.</source>
        <translation>%1 rows: %2 valid, %3 with problems (listed below). Correct the file and choose it again, or import only the valid rows.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Importing %1 records…</source>
        <translation>Importing %1 records…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Import cancelled: nothing was imported.</translation>
    </message>
    <message>
        <source>The import failed: %1. Nothing was imported; try again.</source>
        <translation>The import failed: %1. Nothing was imported; try again.</translation>
    </message>
    <message>
        <source>%1 records imported. They are sent to the server at the next sync.</source>
        <translation>%1 records imported. They are sent to the server at the next sync.</translation>
    </message>
    <message>
        <source>Save the list from Excel as &quot;CSV UTF-8&quot;. The line with the column titles is found below the list&apos;s own title; choose another one below if needed.</source>
        <translation>Save the list from Excel as &quot;CSV UTF-8&quot;. The line with the column titles is found below the list&apos;s own title; choose another one below if needed.</translation>
    </message>
    <message>
        <source>Column titles on &amp;line:</source>
        <translation>Column titles on &amp;line:</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <source>Full name (split into surname, middle name, given name)</source>
        <translation>Full name (split into surname, middle name, given name)</translation>
    </message>
</context>
<context>
    <name>mts::MainWindow</name>
    <message>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Feedback and petitions</source>
        <translation>Feedback and petitions</translation>
    </message>
    <message>
        <source>Citizens&apos; feedback and petitions from every channel: receiving, classifying, forwarding to the competent body, following up, answering the citizen, with deadlines for each step.</source>
        <translation>Citizens&apos; feedback and petitions from every channel: receiving, classifying, forwarding to the competent body, following up, answering the citizen, with deadlines for each step.</translation>
    </message>
    <message>
        <source>Digital library</source>
        <translation>Digital library</translation>
    </message>
    <message>
        <source>Legal documents, guidance and forms for the Front&apos;s work, searchable even without a connection.</source>
        <translation>Legal documents, guidance and forms for the Front&apos;s work, searchable even without a connection.</translation>
    </message>
    <message>
        <source>Virtual assistant</source>
        <translation>Virtual assistant</translation>
    </message>
    <message>
        <source>Answers drawn from the digital library with their sources, and drafts of reports and letters filled in with your unit&apos;s data.</source>
        <translation>Answers drawn from the digital library with their sources, and drafts of reports and letters filled in with your unit&apos;s data.</translation>
    </message>
    <message>
        <source>Congresses</source>
        <translation>Congresses</translation>
    </message>
    <message>
        <source>The progress and results of the Front&apos;s congresses in each unit, with summaries for the province and the centre.</source>
        <translation>The progress and results of the Front&apos;s congresses in each unit, with summaries for the province and the centre.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>For provincial staff: how each commune&apos;s data is syncing, conflicting changes to review, and records entered twice in different communes.</source>
        <translation>For provincial staff: how each commune&apos;s data is syncing, conflicting changes to review, and records entered twice in different communes.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pending sync: %1</source>
        <translation>Pending sync: %1</translation>
    </message>
    <message>
        <source>Changes made on this computer that have not been sent to the server yet.</source>
        <translation>Changes made on this computer that have not been sent to the server yet.</translation>
    </message>
    <message>
        <source>Server: checking…</source>
        <translation>Server: checking…</translation>
    </message>
    <message>
        <source>Server: connected</source>
        <translation>Server: connected</translation>
    </message>
    <message>
        <source>Server: certificate not trusted</source>
        <translation>Server: certificate not trusted</translation>
    </message>
    <message>
        <source>Server: this program needs an update</source>
        <translation>Server: this program needs an update</translation>
    </message>
    <message>
        <source>Server: address not valid</source>
        <translation>Server: address not valid</translation>
    </message>
    <message>
        <source>Server: cannot connect</source>
        <translation>Server: cannot connect</translation>
    </message>
    <message>
        <source>No system keychain was found on this computer. Your sign-in secrets are kept in an encrypted file protected by your password instead; there is nothing you need to do.</source>
        <translation>No system keychain was found on this computer. Your sign-in secrets are kept in an encrypted file protected by your password instead; there is nothing you need to do.</translation>
    </message>
    <message>
        <source>OK, I understand</source>
        <translation>OK, I understand</translation>
    </message>
    <message>
        <source>Back to sign-in</source>
        <translation>Back to sign-in</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>Hide your work until you type your password again (%1)</source>
        <translation>Hide your work until you type your password again (%1)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>End your session on this computer, so that someone else can sign in</source>
        <translation>End your session on this computer, so that someone else can sign in</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2, %3)</source>
        <translation>Signed in: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Locked: %1</source>
        <translation>Locked: %1</translation>
    </message>
    <message>
        <source>The new server address is used after you sign out.</source>
        <translation>The new server address is used after you sign out.</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>A&amp;ccount</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>Send your changes to the server and receive the others&apos; now (%1)</source>
        <translation>Send your changes to the server and receive the others&apos; now (%1)</translation>
    </message>
    <message>
        <source>Your data on this computer cannot be opened: %1. Tell your administrator; do not delete the folder %2.</source>
        <translation>Your data on this computer cannot be opened: %1. Tell your administrator; do not delete the folder %2.</translation>
    </message>
    <message>
        <source>Syncing: %1 of %2</source>
        <translation>Syncing: %1 of %2</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Synced at %1</translation>
    </message>
    <message>
        <source>Registries</source>
        <translation>Registries</translation>
    </message>
    <message>
        <source>Changes held back</source>
        <translation>Changes held back</translation>
    </message>
    <message>
        <source>Changes held back (%1)</source>
        <translation>Changes held back (%1)</translation>
    </message>
    <message>
        <source>Periodic reports</source>
        <translation>Periodic reports</translation>
    </message>
</context>
<context>
    <name>mts::ModulePage</name>
    <message>
        <source>This part is not available in this version yet.</source>
        <translation>This part is not available in this version yet.</translation>
    </message>
</context>
<context>
    <name>mts::OidcClient</name>
    <message>
        <source>Cannot reach the server to sign in. Check the connection; you can keep working offline with your password.</source>
        <translation>Cannot reach the server to sign in. Check the connection; you can keep working offline with your password.</translation>
    </message>
    <message>
        <source>The server could not sign you in right now. Try again in a few minutes.</source>
        <translation>The server could not sign you in right now. Try again in a few minutes.</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Sign in again with your user name and password.</source>
        <translation>Your sign-in has ended. Sign in again with your user name and password.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the sign-in could not be understood. Tell your administrator.</source>
        <translation>The server&apos;s answer to the sign-in could not be understood. Tell your administrator.</translation>
    </message>
    <message>
        <source>The server announces another sign-in address (%1). Check the server address in Settings.</source>
        <translation>The server announces another sign-in address (%1). Check the server address in Settings.</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in description is not valid.</source>
        <translation>The server&apos;s sign-in description is not valid.</translation>
    </message>
    <message>
        <source>Cannot start the sign-in on this computer (no local port).</source>
        <translation>Cannot start the sign-in on this computer (no local port).</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser in time. Start it again.</source>
        <translation>The sign-in was not completed in the browser in time. Start it again.</translation>
    </message>
    <message>
        <source>The sign-in answer came from another server. Try again.</source>
        <translation>The sign-in answer came from another server. Try again.</translation>
    </message>
    <message>
        <source>The server refused the sign-in (%1). Try again or ask your administrator.</source>
        <translation>The server refused the sign-in (%1). Try again or ask your administrator.</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in answer is not valid. Try again.</source>
        <translation>The server&apos;s sign-in answer is not valid. Try again.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Sign-in cancelled.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid.</source>
        <translation>The server&apos;s answer is not valid.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation>This account is disabled. Ask your administrator.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a few minutes, then try again.</source>
        <translation>Too many failed attempts. Wait a few minutes, then try again.</translation>
    </message>
</context>
<context>
    <name>mts::RecordFormDialog</name>
    <message>
        <source>New record: %1</source>
        <translation>New record: %1</translation>
    </message>
    <message>
        <source>Edit record: %1</source>
        <translation>Edit record: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Correct the fields marked below, then save again.</source>
        <translation>Correct the fields marked below, then save again.</translation>
    </message>
    <message>
        <source>Check the warnings below. Save again to keep the record as it is.</source>
        <translation>Check the warnings below. Save again to keep the record as it is.</translation>
    </message>
    <message>
        <source>The record could not be saved: %1. Nothing was changed; try again, and if it keeps failing, tell your administrator.</source>
        <translation>The record could not be saved: %1. Nothing was changed; try again, and if it keeps failing, tell your administrator.</translation>
    </message>
    <message>
        <source>Fix and send again: %1</source>
        <translation>Fix and send again: %1</translation>
    </message>
    <message>
        <source>The changes could not be sent again: %1. They stay set aside; try again, and if it keeps failing, tell your administrator.</source>
        <translation>The changes could not be sent again: %1. They stay set aside; try again, and if it keeps failing, tell your administrator.</translation>
    </message>
</context>
<context>
    <name>mts::RecordListModel</name>
    <message>
        <source>Synced</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Set aside: %1</source>
        <translation>Set aside: %1</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>mts::ReferenceEdit</name>
    <message>
        <source>Type a few letters of the name, then choose from the list</source>
        <translation>Type a few letters of the name, then choose from the list</translation>
    </message>
    <message>
        <source>Matching records: %1</source>
        <translation>Matching records: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>… %n more: type more of the name</source>
        <translation>
            <numerusform>… %n more: type more of the name</numerusform>
            <numerusform>… %n more: type more of the name</numerusform>
        </translation>
    </message>
    <message>
        <source>No record matches &quot;%1&quot;</source>
        <translation>No record matches &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>mts::RegistriesPage</name>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>Search by name, address… (with or without diacritics)</source>
        <translation>Search by name, address… (with or without diacritics)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>The list cannot be read: %1</source>
        <translation>The list cannot be read: %1</translation>
    </message>
    <message>
        <source>%1: all</source>
        <translation>%1: all</translation>
    </message>
    <message>
        <source>Sign in to see the registries.</source>
        <translation>Sign in to see the registries.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot;? The deletion is sent to the server at the next sync.</source>
        <translation>Delete &quot;%1&quot;? The deletion is sent to the server at the next sync.</translation>
    </message>
    <message>
        <source>The record could not be deleted: %1</source>
        <translation>The record could not be deleted: %1</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>I&amp;mport…</translation>
    </message>
    <message>
        <source>Add records from a list saved from Excel as CSV</source>
        <translation>Add records from a list saved from Excel as CSV</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>Save the records shown to a CSV file that Excel opens</source>
        <translation>Save the records shown to a CSV file that Excel opens</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>Export the list</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder and try again.</source>
        <translation>The file %1 could not be written: %2. Choose another folder and try again.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) exported to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</source>
        <translation>
            <numerusform>%n record exported to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</numerusform>
            <numerusform>%n records exported to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1: yes</translation>
    </message>
    <message>
        <source>%1: no</source>
        <translation>%1: no</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Sort by &quot;%1&quot;, &amp;ascending</source>
        <translation>Sort by &quot;%1&quot;, &amp;ascending</translation>
    </message>
    <message>
        <source>Sort by &quot;%1&quot;, de&amp;scending</source>
        <translation>Sort by &quot;%1&quot;, de&amp;scending</translation>
    </message>
    <message>
        <source>&amp;Usual order (by name)</source>
        <translation>&amp;Usual order (by name)</translation>
    </message>
</context>
<context>
    <name>mts::ReportsPage</name>
    <message>
        <source>FATHERLAND FRONT COMMITTEE</source>
        <translation>FATHERLAND FRONT COMMITTEE</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>REPORT</source>
        <translation>REPORT</translation>
    </message>
    <message>
        <source>On the Front&apos;s work, %1</source>
        <translation>On the Front&apos;s work, %1</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>The provincial Front committee</source>
        <translation>The provincial Front committee</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>ON BEHALF OF THE STANDING BOARD</source>
        <translation>ON BEHALF OF THE STANDING BOARD</translation>
    </message>
    <message>
        <source>CHAIR</source>
        <translation>CHAIR</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>&amp;Draft the report</source>
        <translation>&amp;Draft the report</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Recompute the figures</source>
        <translation>&amp;Recompute the figures</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>Re&amp;turn…</source>
        <translation>Re&amp;turn…</translation>
    </message>
    <message>
        <source>&amp;PDF…</source>
        <translation>&amp;PDF…</translation>
    </message>
    <message>
        <source>Return the report</source>
        <translation>Return the report</translation>
    </message>
    <message>
        <source>Why is it returned? The commune reads this.</source>
        <translation>Why is it returned? The commune reads this.</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a period: write a month as 2026-11 or a week as 2026-W48.</source>
        <translation>&quot;%1&quot; is not a period: write a month as 2026-11 or a week as 2026-W48.</translation>
    </message>
    <message>
        <source>The figures cannot be computed: %1</source>
        <translation>The figures cannot be computed: %1</translation>
    </message>
    <message>
        <source>The report of %1 exists already: open it to edit it.</source>
        <translation>The report of %1 exists already: open it to edit it.</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>The report could not be saved: %1</translation>
    </message>
    <message>
        <source>Report drafted with the figures of the registries. Add the narrative, then the Front chair submits it.</source>
        <translation>Report drafted with the figures of the registries. Add the narrative, then the Front chair submits it.</translation>
    </message>
    <message>
        <source>The figures could not be computed again.</source>
        <translation>The figures could not be computed again.</translation>
    </message>
    <message>
        <source>Figures computed again from the registries.</source>
        <translation>Figures computed again from the registries.</translation>
    </message>
    <message>
        <source>You cannot do that with this report.</source>
        <translation>You cannot do that with this report.</translation>
    </message>
    <message>
        <source>Say why the report is returned: the commune needs it to correct the report.</source>
        <translation>Say why the report is returned: the commune needs it to correct the report.</translation>
    </message>
    <message>
        <source>The report could not be changed: %1</source>
        <translation>The report could not be changed: %1</translation>
    </message>
    <message>
        <source>Done. The change goes to the server at the next sync.</source>
        <translation>Done. The change goes to the server at the next sync.</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>Report %1</translation>
    </message>
    <message>
        <source>The file %1 could not be written. Choose another folder and try again.</source>
        <translation>The file %1 could not be written. Choose another folder and try again.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Saved to %1.</translation>
    </message>
    <message>
        <source>Commune %1</source>
        <translation>Commune %1</translation>
    </message>
    <message>
        <source>Province %1</source>
        <translation>Province %1</translation>
    </message>
    <message>
        <source>The Standing Board of the Central Committee</source>
        <translation>The Standing Board of the Central Committee</translation>
    </message>
    <message>
        <source>Reports of the communes for the period</source>
        <translation>Reports of the communes for the period</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel (CSV)…</source>
        <translation>E&amp;xport to Excel (CSV)…</translation>
    </message>
    <message>
        <source>Province re&amp;port (PDF)…</source>
        <translation>Province re&amp;port (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>Period &amp;overview</source>
        <translation>Period &amp;overview</translation>
    </message>
    <message>
        <source>Export the overview</source>
        <translation>Export the overview</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Save the province report as PDF</source>
        <translation>Save the province report as PDF</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>No report</translation>
    </message>
    <message>
        <source>Being drafted, not submitted</source>
        <translation>Being drafted, not submitted</translation>
    </message>
    <message>
        <source>Returned, not submitted again</source>
        <translation>Returned, not submitted again</translation>
    </message>
    <message>
        <source>Submitted, waiting for you</source>
        <translation>Submitted, waiting for you</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>The reports cannot be read: %1</source>
        <translation>The reports cannot be read: %1</translation>
    </message>
    <message>
        <source>The list of the province&apos;s communes is not on this computer yet. Sync (F5) while connected to the internet, then look again.</source>
        <translation>The list of the province&apos;s communes is not on this computer yet. Sync (F5) while connected to the internet, then look again.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message numerus="yes">
        <source>Province total (%n report(s) sent)</source>
        <translation>
            <numerusform>Province total (%n report sent)</numerusform>
            <numerusform>Province total (%n reports sent)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n commune(s) sent the report of %1.</source>
        <translation>
            <numerusform>The %n commune sent the report of %1.</numerusform>
            <numerusform>All %n communes sent the report of %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n commune(s) sent the report of %2. Not sent yet: %3.</source>
        <translation>
            <numerusform>%1 of %n commune sent the report of %2. Not sent yet: %3.</numerusform>
            <numerusform>%1 of %n communes sent the report of %2. Not sent yet: %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder and try again.</source>
        <translation>The file %1 could not be written: %2. Choose another folder and try again.</translation>
    </message>
    <message numerus="yes">
        <source>Compiled from the reports of %n commune(s).</source>
        <translation>
            <numerusform>Compiled from the report of %n commune.</numerusform>
            <numerusform>Compiled from the reports of %n communes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not reported yet: %1.</source>
        <translation>Not reported yet: %1.</translation>
    </message>
</context>
<context>
    <name>mts::ServerProbe</name>
    <message>
        <source>The server&apos;s security certificate is not trusted by this computer. If this is your unit&apos;s server, compare its fingerprint with the one your administrator gave you and choose to trust it in Settings.</source>
        <translation>The server&apos;s security certificate is not trusted by this computer. If this is your unit&apos;s server, compare its fingerprint with the one your administrator gave you and choose to trust it in Settings.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be made (the certificate does not match the address or has expired). Check the server address, the computer&apos;s date and time, or contact your administrator.</source>
        <translation>A secure connection to the server could not be made (the certificate does not match the address or has expired). Check the server address, the computer&apos;s date and time, or contact your administrator.</translation>
    </message>
    <message>
        <source>The server did not answer in time. The connection may be slow or down; your work is kept on this computer and will be sent when the connection returns.</source>
        <translation>The server did not answer in time. The connection may be slow or down; your work is kept on this computer and will be sent when the connection returns.</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the network connection and the server address; you can keep working offline.</source>
        <translation>Cannot reach the server. Check the network connection and the server address; you can keep working offline.</translation>
    </message>
    <message>
        <source>The server is running but cannot serve requests right now. Try again later or tell your administrator.</source>
        <translation>The server is running but cannot serve requests right now. Try again later or tell your administrator.</translation>
    </message>
    <message>
        <source>The address answers, but not as a Mặt trận số server (HTTP %1). Check the server address in Settings.</source>
        <translation>The address answers, but not as a Mặt trận số server (HTTP %1). Check the server address in Settings.</translation>
    </message>
    <message>
        <source>The address answers, but not as a Mặt trận số server. Check the server address in Settings.</source>
        <translation>The address answers, but not as a Mặt trận số server. Check the server address in Settings.</translation>
    </message>
    <message>
        <source>The server sent an answer this program cannot read. Check the server address in Settings.</source>
        <translation>The server sent an answer this program cannot read. Check the server address in Settings.</translation>
    </message>
    <message>
        <source>The server needs a newer version of this program (at least %1). Install the update your administrator provides; your unsent work is kept.</source>
        <translation>The server needs a newer version of this program (at least %1). Install the update your administrator provides; your unsent work is kept.</translation>
    </message>
    <message>
        <source>Connected to the server (version %1).</source>
        <translation>Connected to the server (version %1).</translation>
    </message>
</context>
<context>
    <name>mts::ServerUrl</name>
    <message>
        <source>Enter the server address, for example https://mattranso.example.vn.</source>
        <translation>Enter the server address, for example https://mattranso.example.vn.</translation>
    </message>
    <message>
        <source>The server address must start with https:// so that the connection is encrypted, for example https://mattranso.example.vn.</source>
        <translation>The server address must start with https:// so that the connection is encrypted, for example https://mattranso.example.vn.</translation>
    </message>
    <message>
        <source>This is not a valid server address. Write https:// followed by the server&apos;s name or IP address, for example https://mattranso.example.vn or https://192.168.1.10:8443.</source>
        <translation>This is not a valid server address. Write https:// followed by the server&apos;s name or IP address, for example https://mattranso.example.vn or https://192.168.1.10:8443.</translation>
    </message>
</context>
<context>
    <name>mts::SetAsidePage</name>
    <message>
        <source>new record</source>
        <translation>new record</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>edit</translation>
    </message>
    <message>
        <source>deletion</source>
        <translation>deletion</translation>
    </message>
    <message>
        <source>restoration</source>
        <translation>restoration</translation>
    </message>
    <message>
        <source>move</source>
        <translation>move</translation>
    </message>
    <message>
        <source>status change</source>
        <translation>status change</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>Why it is held back</source>
        <translation>Why it is held back</translation>
    </message>
    <message>
        <source>Changes held back</source>
        <translation>Changes held back</translation>
    </message>
    <message>
        <source>&amp;Fix and send again</source>
        <translation>&amp;Fix and send again</translation>
    </message>
    <message>
        <source>Save to a &amp;file…</source>
        <translation>Save to a &amp;file…</translation>
    </message>
    <message>
        <source>Save the changes held back</source>
        <translation>Save the changes held back</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>The changes held back cannot be read: %1</source>
        <translation>The changes held back cannot be read: %1</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 refused: %2</translation>
    </message>
    <message>
        <source>%1 waiting: %2</source>
        <translation>%1 waiting: %2</translation>
    </message>
    <message>
        <source>No change is held back: everything made on this computer goes to the server at the next sync.</source>
        <translation>No change is held back: everything made on this computer goes to the server at the next sync.</translation>
    </message>
    <message>
        <source>These changes were not accepted by the server, or wait for one that was not. Fix each record and send it again; the other records sync as usual.</source>
        <translation>These changes were not accepted by the server, or wait for one that was not. Fix each record and send it again; the other records sync as usual.</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder and try again.</source>
        <translation>The file %1 could not be written: %2. Choose another folder and try again.</translation>
    </message>
    <message>
        <source>Saved to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</source>
        <translation>Saved to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</translation>
    </message>
</context>
<context>
    <name>mts::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>Check connection</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <source>Trusted certificate</source>
        <translation>Trusted certificate</translation>
    </message>
    <message>
        <source>None. The server&apos;s certificate must then be signed by an authority this computer trusts.</source>
        <translation>None. The server&apos;s certificate must then be signed by an authority this computer trusts.</translation>
    </message>
    <message>
        <source>Forget this certificate</source>
        <translation>Forget this certificate</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Interface language:</translation>
    </message>
    <message>
        <source>A new language applies the next time the program starts.</source>
        <translation>A new language applies the next time the program starts.</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>Checking the connection…</translation>
    </message>
    <message>
        <source>The certificate is no longer trusted.</source>
        <translation>The certificate is no longer trusted.</translation>
    </message>
</context>
<context>
    <name>mts::SignInScreen</name>
    <message>
        <source>Vietnam Fatherland Front</source>
        <translation>Vietnam Fatherland Front</translation>
    </message>
    <message>
        <source>Sign in to start working</source>
        <translation>Sign in to start working</translation>
    </message>
    <message>
        <source>Sign in with your user name and password in the web browser. The first sign-in on this computer needs a network connection.</source>
        <translation>Sign in with your user name and password in the web browser. The first sign-in on this computer needs a network connection.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Work offline</translation>
    </message>
    <message>
        <source>An account that has signed in on this computer before can be unlocked with its password when there is no network.</source>
        <translation>An account that has signed in on this computer before can be unlocked with its password when there is no network.</translation>
    </message>
    <message>
        <source>No account has signed in on this computer yet. Sign in once with a network connection first.</source>
        <translation>No account has signed in on this computer yet. Sign in once with a network connection first.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Server settings…</source>
        <translation>Server settings…</translation>
    </message>
    <message>
        <source>Change the server address or the certificate this computer trusts.</source>
        <translation>Change the server address or the certificate this computer trusts.</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Signing in</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Sign-in address</translation>
    </message>
    <message>
        <source>Open the browser again</source>
        <translation>Open the browser again</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>To protect the data kept on this computer when you work without a network, type your password once more. It is the password you have just used in the web browser.</source>
        <translation>To protect the data kept on this computer when you work without a network, type your password once more. It is the password you have just used in the web browser.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Welcome, %1</translation>
    </message>
    <message>
        <source>%1 is signed in. The session was locked to protect the data; type your password to go on.</source>
        <translation>%1 is signed in. The session was locked to protect the data; type your password to go on.</translation>
    </message>
    <message>
        <source>The web browser has opened the sign-in page. Finish signing in there, then come back here.</source>
        <translation>The web browser has opened the sign-in page. Finish signing in there, then come back here.</translation>
    </message>
    <message>
        <source>The web browser could not be opened. Copy this address into a web browser to sign in:</source>
        <translation>The web browser could not be opened. Copy this address into a web browser to sign in:</translation>
    </message>
    <message>
        <source>Type the password of this account.</source>
        <translation>Type the password of this account.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Type your password.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Checking the password…</translation>
    </message>
</context>
<context>
    <name>mts::SyncEngine</name>
    <message>
        <source>Another sync of this account is running (in the application or the command line). This one will start when it ends; try again later.</source>
        <translation>Another sync of this account is running (in the application or the command line). This one will start when it ends; try again later.</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Sync cancelled.</translation>
    </message>
    <message>
        <source>The local data cannot be read: %1</source>
        <translation>The local data cannot be read: %1</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again when the connection is back; your changes stay on this computer until then.</source>
        <translation>You are not signed in online. Sign in again when the connection is back; your changes stay on this computer until then.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload is not understood. Update the application or tell the administrator.</source>
        <translation>The server&apos;s answer to the upload is not understood. Update the application or tell the administrator.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload does not match what was sent: %1</source>
        <translation>The server&apos;s answer to the upload does not match what was sent: %1</translation>
    </message>
    <message>
        <source>The local data cannot be saved: %1</source>
        <translation>The local data cannot be saved: %1</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again; your changes stay on this computer.</source>
        <translation>The server no longer accepts your sign-in. Sign in again; your changes stay on this computer.</translation>
    </message>
    <message>
        <source>The server still refuses the time of your changes. Check the date, time and time zone of this computer.</source>
        <translation>The server still refuses the time of your changes. Check the date, time and time zone of this computer.</translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s clock is wrong by about %n minute(s). The server&apos;s time is used for your changes; please set the date, time and time zone of this computer.</source>
        <translation>
            <numerusform>This computer&apos;s clock is wrong by about %n minute. The server&apos;s time is used for your changes; please set the date, time and time zone of this computer.</numerusform>
            <numerusform>This computer&apos;s clock is wrong by about %n minutes. The server&apos;s time is used for your changes; please set the date, time and time zone of this computer.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the upload (%1: %2). Tell the administrator.</source>
        <translation>The server refused the upload (%1: %2). Tell the administrator.</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again when the connection is back.</source>
        <translation>You are not signed in online. Sign in again when the connection is back.</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again.</source>
        <translation>The server no longer accepts your sign-in. Sign in again.</translation>
    </message>
    <message>
        <source>The server refused the download (%1: %2). Tell the administrator.</source>
        <translation>The server refused the download (%1: %2). Tell the administrator.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the download is not understood. Update the application or tell the administrator.</source>
        <translation>The server&apos;s answer to the download is not understood. Update the application or tell the administrator.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Your changes stay on this computer; the next sync sends them.</source>
        <translation>The server cannot be reached (%1). Your changes stay on this computer; the next sync sends them.</translation>
    </message>
    <message>
        <source>The file %1 attached to this record could not be sent (%2). Attach a smaller file or remove it from the record, then resend.</source>
        <translation>The file %1 attached to this record could not be sent (%2). Attach a smaller file or remove it from the record, then resend.</translation>
    </message>
    <message>
        <source>The server still lacks the file %1 attached to this record after it was sent. Tell the administrator.</source>
        <translation>The server still lacks the file %1 attached to this record after it was sent. Tell the administrator.</translation>
    </message>
    <message>
        <source>The file %1 attached to this record is missing on this computer, and the server does not have it. Attach the file again (on the computer that has it) or remove it from the record, then resend.</source>
        <translation>The file %1 attached to this record is missing on this computer, and the server does not have it. Attach the file again (on the computer that has it) or remove it from the record, then resend.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Download cancelled.</translation>
    </message>
    <message>
        <source>Files cannot be kept for this account on this computer. Sign in to the account again.</source>
        <translation>Files cannot be kept for this account on this computer. Sign in to the account again.</translation>
    </message>
    <message>
        <source>The record names its file wrongly, so it cannot be downloaded. Tell the administrator.</source>
        <translation>The record names its file wrongly, so it cannot be downloaded. Tell the administrator.</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again to download this file.</source>
        <translation>You are not signed in online. Sign in again to download this file.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Open the file again later; what was downloaded is kept.</source>
        <translation>The server cannot be reached (%1). Open the file again later; what was downloaded is kept.</translation>
    </message>
    <message>
        <source>The file is not on the server, or your account may not read it.</source>
        <translation>The file is not on the server, or your account may not read it.</translation>
    </message>
    <message>
        <source>The server refused the file (%1). Tell the administrator.</source>
        <translation>The server refused the file (%1). Tell the administrator.</translation>
    </message>
    <message>
        <source>The file cannot be saved on this computer: %1</source>
        <translation>The file cannot be saved on this computer: %1</translation>
    </message>
    <message>
        <source>The downloaded file does not match its fingerprint and was dropped. Try again; if it happens again, tell the administrator.</source>
        <translation>The downloaded file does not match its fingerprint and was dropped. Try again; if it happens again, tell the administrator.</translation>
    </message>
</context>
</TS>
