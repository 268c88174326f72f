<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AccountDirectory</name>
    <message>
        <source>Enter a username and the server&apos;s address.</source>
        <translation>Hãy nhập tên đăng nhập và địa chỉ máy chủ.</translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot; for this account&apos;s data. Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Không tạo được thư mục “%1” để lưu dữ liệu của tài khoản này. Hãy kiểm tra ổ đĩa và quyền truy cập thư mục, rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>The system keychain cannot be used because the home folder &quot;%1&quot; does not exist. Secrets are kept in an encrypted file instead.</source>
        <translation>Không dùng được kho khóa của hệ thống vì thư mục cá nhân “%1” không tồn tại. Thay vào đó, các thông tin bí mật được lưu trong một tệp đã mã hóa.</translation>
    </message>
    <message>
        <source>No secret is saved in the system keychain under &quot;%1&quot;.</source>
        <translation>Không có thông tin bí mật nào được lưu trong kho khóa của hệ thống với tên “%1”.</translation>
    </message>
    <message>
        <source>The system keychain refused access (%1). Unlock the keychain and try again.</source>
        <translation>Kho khóa của hệ thống đã từ chối truy cập (%1). Hãy mở khóa kho khóa rồi thử lại.</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). Secrets are kept in an encrypted file instead.</source>
        <translation>Kho khóa của hệ thống không khả dụng (%1). Thay vào đó, các thông tin bí mật được lưu trong một tệp đã mã hóa.</translation>
    </message>
    <message>
        <source>The system keychain failed (%1). Try again.</source>
        <translation>Kho khóa của hệ thống gặp lỗi (%1). Hãy thử lại.</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Commune cadre</source>
        <translation>Cán bộ cấp xã</translation>
    </message>
    <message>
        <source>Commune Front chair</source>
        <extracomment>Chair of the commune&apos;s Fatherland Front committee (Chủ tịch Ủy ban MTTQ cấp xã).</extracomment>
        <translation>Chủ tịch UBMTTQ cấp xã</translation>
    </message>
    <message>
        <source>Provincial staff</source>
        <translation>Cán bộ cấp tỉnh</translation>
    </message>
    <message>
        <source>Central administrator</source>
        <translation>Quản trị Trung ương</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Kiểm tra</translation>
    </message>
</context>
<context>
    <name>VaultFileSecretStore</name>
    <message>
        <source>The file of saved secrets &quot;%1&quot; is damaged. Delete it, then sign in online again.</source>
        <translation>Tệp lưu thông tin bí mật “%1” đã bị hỏng. Hãy xóa tệp này, rồi đăng nhập trực tuyến lại.</translation>
    </message>
    <message>
        <source>The file of saved secrets &quot;%1&quot; cannot be read or written (%2). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Không đọc hoặc ghi được tệp lưu thông tin bí mật “%1” (%2). Hãy kiểm tra ổ đĩa và quyền truy cập thư mục, rồi thử lại.</translation>
    </message>
    <message>
        <source>The file of saved secrets &quot;%1&quot; was written by a newer version of Mặt trận số. Update the application.</source>
        <translation>Tệp lưu thông tin bí mật “%1” được ghi bởi một phiên bản Mặt trận số mới hơn. Hãy cập nhật chương trình.</translation>
    </message>
    <message>
        <source>The password does not open the file of saved secrets. Enter the password again, or sign in online.</source>
        <translation>Mật khẩu không mở được tệp lưu thông tin bí mật. Hãy nhập lại mật khẩu, hoặc đăng nhập trực tuyến.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the saved secrets. Close other programs and try again.</source>
        <translation>Không đủ bộ nhớ để bảo vệ các thông tin bí mật đã lưu. Hãy đóng bớt các chương trình khác rồi thử lại.</translation>
    </message>
    <message>
        <source>No secret is saved under &quot;%1&quot;.</source>
        <translation>Không có thông tin bí mật nào được lưu với tên “%1”.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot read the certificate file %1: %2</source>
        <translation>Không đọc được tệp chứng chỉ %1: %2</translation>
    </message>
    <message>
        <source>The file %1 holds no certificate in PEM format.</source>
        <translation>Tệp %1 không chứa chứng chỉ ở định dạng PEM.</translation>
    </message>
</context>
<context>
    <name>mts::AccountKeys</name>
    <message>
        <source>This account has not signed in online on this computer yet. Connect to the internet and sign in online.</source>
        <translation>Tài khoản này chưa từng đăng nhập trực tuyến trên máy tính này. Hãy kết nối Internet và đăng nhập trực tuyến.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; is damaged. Connect to the internet and sign in online; if that does not help, ask your administrator.</source>
        <translation>Tệp tài khoản “%1” đã bị hỏng. Hãy kết nối Internet và đăng nhập trực tuyến; nếu vẫn không được, hãy hỏi quản trị viên.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; cannot be read (%2). Check the disk and the folder&apos;s permissions.</source>
        <translation>Không đọc được tệp tài khoản “%1” (%2). Hãy kiểm tra ổ đĩa và quyền truy cập thư mục.</translation>
    </message>
    <message>
        <source>The account file was written by a newer version of Mặt trận số. Update the application.</source>
        <translation>Tệp tài khoản được ghi bởi một phiên bản Mặt trận số mới hơn. Hãy cập nhật chương trình.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; cannot be written (%2). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Không ghi được tệp tài khoản “%1” (%2). Hãy kiểm tra ổ đĩa và quyền truy cập thư mục, rồi thử lại.</translation>
    </message>
    <message>
        <source>Not enough memory to check the password. Close other programs and try again.</source>
        <translation>Không đủ bộ nhớ để kiểm tra mật khẩu. Hãy đóng bớt các chương trình khác rồi thử lại.</translation>
    </message>
    <message>
        <source>The password is not correct. Check it and try again.</source>
        <translation>Mật khẩu không đúng. Hãy kiểm tra và nhập lại.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>This account already has its keys on this computer.</source>
        <translation>Tài khoản này đã có khóa trên máy tính này.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the keys. Close other programs and try again.</source>
        <translation>Không đủ bộ nhớ để bảo vệ các khóa. Hãy đóng bớt các chương trình khác rồi thử lại.</translation>
    </message>
    <message>
        <source>No keychain is set up.</source>
        <translation>Chưa thiết lập kho khóa nào.</translation>
    </message>
    <message numerus="yes">
        <source>You have not signed in online for more than %n day(s), the longest this computer may be used offline. Connect to the internet and sign in online.</source>
        <translation>
            <numerusform>Bạn đã không đăng nhập trực tuyến quá %n ngày, thời gian tối đa được phép dùng máy tính này khi không có mạng. Hãy kết nối Internet và đăng nhập trực tuyến.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>Hãy nhập mật khẩu mới.</translation>
    </message>
</context>
<context>
    <name>mts::AccountSession</name>
    <message>
        <source>That is not your account&apos;s password. Type the password you use to sign in.</source>
        <translation>Đây không phải mật khẩu của tài khoản. Hãy nhập mật khẩu bạn dùng để đăng nhập.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait a few minutes, then try again.</source>
        <translation>Đã nhập sai mật khẩu quá nhiều lần. Hãy chờ vài phút rồi thử lại.</translation>
    </message>
    <message>
        <source>The server could not check the password. Try again when the connection is back.</source>
        <translation>Máy chủ không kiểm tra được mật khẩu. Hãy thử lại khi có kết nối mạng.</translation>
    </message>
    <message>
        <source>This account has never signed in on this computer. Connect to the network and sign in online first.</source>
        <translation>Tài khoản này chưa từng đăng nhập trên máy tính này. Hãy kết nối mạng và đăng nhập trực tuyến trước.</translation>
    </message>
</context>
<context>
    <name>mts::CertificateTrustDialog</name>
    <message>
        <source>Trust the server&apos;s certificate?</source>
        <translation>Tin cậy chứng chỉ của máy chủ?</translation>
    </message>
    <message>
        <source>Trust certificate</source>
        <translation>Tin cậy chứng chỉ</translation>
    </message>
    <message>
        <source>The server at %1 presented a security certificate that this computer does not trust. This is normal for a server that your unit runs itself.</source>
        <translation>Máy chủ tại %1 đã gửi một chứng chỉ bảo mật mà máy tính này chưa tin cậy. Điều này là bình thường với máy chủ do chính đơn vị của bạn vận hành.</translation>
    </message>
    <message>
        <source>Compare the SHA-256 fingerprint above with the one your administrator gave you. Trust the certificate only if every character matches; otherwise choose Cancel and tell your administrator, because someone may be intercepting the connection.</source>
        <translation>Hãy so sánh dấu vân tay SHA-256 ở trên với dấu vân tay mà quản trị viên đã cung cấp cho bạn. Chỉ tin cậy chứng chỉ khi mọi ký tự đều khớp; nếu không, hãy chọn Hủy và báo cho quản trị viên, vì có thể có người đang can thiệp vào kết nối.</translation>
    </message>
    <message>
        <source>This certificate has expired or is not valid yet, so it cannot be trusted. Check this computer&apos;s date and time, or ask your administrator to renew the server&apos;s certificate.</source>
        <translation>Chứng chỉ này đã hết hạn hoặc chưa có hiệu lực nên không thể tin cậy. Hãy kiểm tra ngày giờ của máy tính này, hoặc đề nghị quản trị viên gia hạn chứng chỉ của máy chủ.</translation>
    </message>
</context>
<context>
    <name>mts::CertificateView</name>
    <message>
        <source>Issued to:</source>
        <translation>Cấp cho:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Cấp bởi:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Có hiệu lực từ:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Có hiệu lực đến:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Dấu vân tay SHA-256:</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(không có tên)</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (tự ký)</translation>
    </message>
</context>
<context>
    <name>mts::MainWindow</name>
    <message>
        <source>Applications</source>
        <translation>Các ứng dụng</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>The Front&apos;s registries: organisations, committee members, residential areas, notable persons, religious dignitaries, poor and near-poor households, the Fund for the Poor and solidarity houses, with the periodic reports each level sends to the level above.</source>
        <translation>Dữ liệu của Mặt trận: tổ chức, ủy viên ủy ban, khu dân cư, người có uy tín, chức sắc tôn giáo, hộ nghèo và hộ cận nghèo, Quỹ “Vì người nghèo” và nhà đại đoàn kết, cùng các báo cáo định kỳ mà mỗi cấp gửi lên cấp trên.</translation>
    </message>
    <message>
        <source>Feedback and petitions</source>
        <translation>Phản ánh kiến nghị</translation>
    </message>
    <message>
        <source>Citizens&apos; feedback and petitions from every channel: receiving, classifying, forwarding to the competent body, following up, answering the citizen, with deadlines for each step.</source>
        <translation>Phản ánh, kiến nghị của người dân từ mọi kênh: tiếp nhận, phân loại, chuyển đến cơ quan có thẩm quyền, theo dõi, trả lời người dân, với thời hạn cho từng bước.</translation>
    </message>
    <message>
        <source>Digital library</source>
        <translation>Thư viện số</translation>
    </message>
    <message>
        <source>Legal documents, guidance and forms for the Front&apos;s work, searchable even without a connection.</source>
        <translation>Văn bản pháp luật, tài liệu hướng dẫn và biểu mẫu phục vụ công tác Mặt trận, tra cứu được cả khi không có kết nối mạng.</translation>
    </message>
    <message>
        <source>Virtual assistant</source>
        <translation>Trợ lý ảo</translation>
    </message>
    <message>
        <source>Answers drawn from the digital library with their sources, and drafts of reports and letters filled in with your unit&apos;s data.</source>
        <translation>Câu trả lời lấy từ thư viện số kèm nguồn trích dẫn, và bản thảo báo cáo, công văn được điền sẵn số liệu của đơn vị bạn.</translation>
    </message>
    <message>
        <source>Congresses</source>
        <translation>Đại hội</translation>
    </message>
    <message>
        <source>The progress and results of the Front&apos;s congresses in each unit, with summaries for the province and the centre.</source>
        <translation>Tiến độ và kết quả đại hội Mặt trận ở từng đơn vị, có tổng hợp cho cấp tỉnh và Trung ương.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Đối soát</translation>
    </message>
    <message>
        <source>For provincial staff: how each commune&apos;s data is syncing, conflicting changes to review, and records entered twice in different communes.</source>
        <translation>Dành cho cán bộ cấp tỉnh: tình hình đồng bộ dữ liệu của từng xã, các thay đổi xung đột cần xem xét, và những hồ sơ bị nhập trùng ở các xã khác nhau.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Chưa đăng nhập</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pending sync: %1</source>
        <translation>Chờ đồng bộ: %1</translation>
    </message>
    <message>
        <source>Changes made on this computer that have not been sent to the server yet.</source>
        <translation>Các thay đổi trên máy tính này chưa được gửi lên máy chủ.</translation>
    </message>
    <message>
        <source>Server: checking…</source>
        <translation>Máy chủ: đang kiểm tra…</translation>
    </message>
    <message>
        <source>Server: connected</source>
        <translation>Máy chủ: đã kết nối</translation>
    </message>
    <message>
        <source>Server: certificate not trusted</source>
        <translation>Máy chủ: chứng chỉ chưa được tin cậy</translation>
    </message>
    <message>
        <source>Server: this program needs an update</source>
        <translation>Máy chủ: cần cập nhật chương trình</translation>
    </message>
    <message>
        <source>Server: address not valid</source>
        <translation>Máy chủ: địa chỉ không hợp lệ</translation>
    </message>
    <message>
        <source>Server: cannot connect</source>
        <translation>Máy chủ: không kết nối được</translation>
    </message>
    <message>
        <source>No system keychain was found on this computer. Your sign-in secrets are kept in an encrypted file protected by your password instead; there is nothing you need to do.</source>
        <translation>Không tìm thấy kho khóa (keychain) của hệ thống trên máy tính này. Thông tin bí mật của phiên đăng nhập được lưu trong một tệp đã mã hóa, bảo vệ bằng mật khẩu của bạn; bạn không cần làm gì thêm.</translation>
    </message>
    <message>
        <source>OK, I understand</source>
        <translation>Đã hiểu</translation>
    </message>
    <message>
        <source>Back to sign-in</source>
        <translation>Quay lại đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Khóa</translation>
    </message>
    <message>
        <source>Hide your work until you type your password again (%1)</source>
        <translation>Ẩn nội dung làm việc cho đến khi bạn nhập lại mật khẩu (%1)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>End your session on this computer, so that someone else can sign in</source>
        <translation>Kết thúc phiên làm việc trên máy tính này để người khác có thể đăng nhập</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>Đăng nhập: %1</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2, %3)</source>
        <translation>Đăng nhập: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Locked: %1</source>
        <translation>Đã khóa: %1</translation>
    </message>
    <message>
        <source>The new server address is used after you sign out.</source>
        <translation>Địa chỉ máy chủ mới sẽ được dùng sau khi bạn đăng xuất.</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>&amp;Tài khoản</translation>
    </message>
</context>
<context>
    <name>mts::ModulePage</name>
    <message>
        <source>This part is not available in this version yet.</source>
        <translation>Phần này chưa có trong phiên bản này.</translation>
    </message>
</context>
<context>
    <name>mts::OidcClient</name>
    <message>
        <source>Cannot reach the server to sign in. Check the connection; you can keep working offline with your password.</source>
        <translation>Không kết nối được tới máy chủ để đăng nhập. Hãy kiểm tra kết nối mạng; bạn vẫn có thể làm việc khi không có mạng bằng mật khẩu của mình.</translation>
    </message>
    <message>
        <source>The server could not sign you in right now. Try again in a few minutes.</source>
        <translation>Hiện máy chủ chưa đăng nhập được cho bạn. Hãy thử lại sau vài phút.</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Sign in again with your user name and password.</source>
        <translation>Phiên đăng nhập của bạn đã kết thúc. Hãy đăng nhập lại bằng tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the sign-in could not be understood. Tell your administrator.</source>
        <translation>Không hiểu được phản hồi của máy chủ cho yêu cầu đăng nhập. Hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <source>The server announces another sign-in address (%1). Check the server address in Settings.</source>
        <translation>Máy chủ thông báo một địa chỉ đăng nhập khác (%1). Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in description is not valid.</source>
        <translation>Thông tin mô tả cách đăng nhập của máy chủ không hợp lệ.</translation>
    </message>
    <message>
        <source>Cannot start the sign-in on this computer (no local port).</source>
        <translation>Không bắt đầu đăng nhập được trên máy tính này (không có cổng cục bộ nào dùng được).</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser in time. Start it again.</source>
        <translation>Việc đăng nhập trên trình duyệt không hoàn tất kịp thời. Hãy bắt đầu lại.</translation>
    </message>
    <message>
        <source>The sign-in answer came from another server. Try again.</source>
        <translation>Phản hồi đăng nhập đến từ một máy chủ khác. Hãy thử lại.</translation>
    </message>
    <message>
        <source>The server refused the sign-in (%1). Try again or ask your administrator.</source>
        <translation>Máy chủ đã từ chối đăng nhập (%1). Hãy thử lại hoặc hỏi quản trị viên.</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in answer is not valid. Try again.</source>
        <translation>Phản hồi đăng nhập của máy chủ không hợp lệ. Hãy thử lại.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Đã hủy đăng nhập.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid.</source>
        <translation>Phản hồi của máy chủ không hợp lệ.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation>Tài khoản này đã bị khóa. Hãy liên hệ cán bộ quản trị.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a few minutes, then try again.</source>
        <translation>Đã đăng nhập sai quá nhiều lần. Hãy chờ vài phút rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>mts::RecordListModel</name>
    <message>
        <source>Synced</source>
        <translation>Đã đồng bộ</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Set aside: %1</source>
        <translation>Bị giữ lại: %1</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
</context>
<context>
    <name>mts::ServerProbe</name>
    <message>
        <source>The server&apos;s security certificate is not trusted by this computer. If this is your unit&apos;s server, compare its fingerprint with the one your administrator gave you and choose to trust it in Settings.</source>
        <translation>Chứng chỉ bảo mật của máy chủ chưa được máy tính này tin cậy. Nếu đây là máy chủ của đơn vị bạn, hãy so sánh dấu vân tay của chứng chỉ với dấu vân tay mà quản trị viên đã cung cấp, rồi chọn tin cậy chứng chỉ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be made (the certificate does not match the address or has expired). Check the server address, the computer&apos;s date and time, or contact your administrator.</source>
        <translation>Không thiết lập được kết nối bảo mật tới máy chủ (chứng chỉ không khớp với địa chỉ hoặc đã hết hạn). Hãy kiểm tra địa chỉ máy chủ, ngày giờ của máy tính, hoặc liên hệ quản trị viên.</translation>
    </message>
    <message>
        <source>The server did not answer in time. The connection may be slow or down; your work is kept on this computer and will be sent when the connection returns.</source>
        <translation>Máy chủ không trả lời kịp thời. Kết nối có thể chậm hoặc bị gián đoạn; công việc của bạn vẫn được lưu trên máy tính này và sẽ được gửi đi khi có kết nối trở lại.</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the network connection and the server address; you can keep working offline.</source>
        <translation>Không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng và địa chỉ máy chủ; bạn vẫn có thể tiếp tục làm việc khi không có mạng.</translation>
    </message>
    <message>
        <source>The server is running but cannot serve requests right now. Try again later or tell your administrator.</source>
        <translation>Máy chủ đang chạy nhưng hiện không phục vụ được yêu cầu. Hãy thử lại sau hoặc báo cho quản trị viên.</translation>
    </message>
    <message>
        <source>The address answers, but not as a Mặt trận số server (HTTP %1). Check the server address in Settings.</source>
        <translation>Địa chỉ này có phản hồi nhưng không phải là máy chủ Mặt trận số (HTTP %1). Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The address answers, but not as a Mặt trận số server. Check the server address in Settings.</source>
        <translation>Địa chỉ này có phản hồi nhưng không phải là máy chủ Mặt trận số. Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The server sent an answer this program cannot read. Check the server address in Settings.</source>
        <translation>Máy chủ gửi về một phản hồi mà chương trình này không đọc được. Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The server needs a newer version of this program (at least %1). Install the update your administrator provides; your unsent work is kept.</source>
        <translation>Máy chủ yêu cầu phiên bản mới hơn của chương trình này (tối thiểu %1). Hãy cài bản cập nhật do quản trị viên cung cấp; những công việc chưa gửi vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>Connected to the server (version %1).</source>
        <translation>Đã kết nối tới máy chủ (phiên bản %1).</translation>
    </message>
</context>
<context>
    <name>mts::ServerUrl</name>
    <message>
        <source>Enter the server address, for example https://mattranso.example.vn.</source>
        <translation>Hãy nhập địa chỉ máy chủ, ví dụ https://mattranso.example.vn.</translation>
    </message>
    <message>
        <source>The server address must start with https:// so that the connection is encrypted, for example https://mattranso.example.vn.</source>
        <translation>Địa chỉ máy chủ phải bắt đầu bằng https:// để kết nối được mã hóa, ví dụ https://mattranso.example.vn.</translation>
    </message>
    <message>
        <source>This is not a valid server address. Write https:// followed by the server&apos;s name or IP address, for example https://mattranso.example.vn or https://192.168.1.10:8443.</source>
        <translation>Đây không phải là địa chỉ máy chủ hợp lệ. Hãy viết https:// rồi đến tên hoặc địa chỉ IP của máy chủ, ví dụ https://mattranso.example.vn hoặc https://192.168.1.10:8443.</translation>
    </message>
</context>
<context>
    <name>mts::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Đị&amp;a chỉ máy chủ:</translation>
    </message>
    <message>
        <source>Trusted certificate</source>
        <translation>Chứng chỉ được tin cậy</translation>
    </message>
    <message>
        <source>None. The server&apos;s certificate must then be signed by an authority this computer trusts.</source>
        <translation>Chưa có. Khi đó, chứng chỉ của máy chủ phải được ký bởi một tổ chức cấp chứng chỉ mà máy tính này tin cậy.</translation>
    </message>
    <message>
        <source>Forget this certificate</source>
        <translation>Bỏ tin cậy chứng chỉ này</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Ngôn ngữ giao diện:</translation>
    </message>
    <message>
        <source>A new language applies the next time the program starts.</source>
        <translation>Ngôn ngữ mới được áp dụng từ lần mở chương trình sau.</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <source>The certificate is no longer trusted.</source>
        <translation>Chứng chỉ không còn được tin cậy.</translation>
    </message>
</context>
<context>
    <name>mts::SignInScreen</name>
    <message>
        <source>Vietnam Fatherland Front</source>
        <translation>Mặt trận Tổ quốc Việt Nam</translation>
    </message>
    <message>
        <source>Sign in to start working</source>
        <translation>Đăng nhập để bắt đầu làm việc</translation>
    </message>
    <message>
        <source>Sign in with your user name and password in the web browser. The first sign-in on this computer needs a network connection.</source>
        <translation>Đăng nhập bằng tên đăng nhập và mật khẩu trong trình duyệt web. Lần đăng nhập đầu tiên trên máy tính này cần có kết nối mạng.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Làm việc không có mạng</translation>
    </message>
    <message>
        <source>An account that has signed in on this computer before can be unlocked with its password when there is no network.</source>
        <translation>Tài khoản đã từng đăng nhập trên máy tính này có thể mở khóa bằng mật khẩu khi không có mạng.</translation>
    </message>
    <message>
        <source>No account has signed in on this computer yet. Sign in once with a network connection first.</source>
        <translation>Chưa có tài khoản nào đăng nhập trên máy tính này. Hãy đăng nhập khi có mạng một lần trước.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Tài khoản:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Server settings…</source>
        <translation>Cài đặt máy chủ…</translation>
    </message>
    <message>
        <source>Change the server address or the certificate this computer trusts.</source>
        <translation>Đổi địa chỉ máy chủ hoặc chứng chỉ mà máy tính này tin cậy.</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Đang đăng nhập</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Địa chỉ đăng nhập</translation>
    </message>
    <message>
        <source>Open the browser again</source>
        <translation>Mở lại trình duyệt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>To protect the data kept on this computer when you work without a network, type your password once more. It is the password you have just used in the web browser.</source>
        <translation>Để bảo vệ dữ liệu lưu trên máy tính này khi làm việc không có mạng, hãy nhập lại mật khẩu một lần nữa. Đó là mật khẩu bạn vừa dùng để đăng nhập trong trình duyệt web.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Đã khóa</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Đang kết nối tới máy chủ…</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Xin chào, %1</translation>
    </message>
    <message>
        <source>%1 is signed in. The session was locked to protect the data; type your password to go on.</source>
        <translation>%1 đang đăng nhập. Phiên làm việc đã được khóa để bảo vệ dữ liệu; hãy nhập mật khẩu để tiếp tục.</translation>
    </message>
    <message>
        <source>The web browser has opened the sign-in page. Finish signing in there, then come back here.</source>
        <translation>Trình duyệt đã mở trang đăng nhập. Hãy hoàn tất đăng nhập ở đó, rồi quay lại đây.</translation>
    </message>
    <message>
        <source>The web browser could not be opened. Copy this address into a web browser to sign in:</source>
        <translation>Không mở được trình duyệt web. Hãy chép địa chỉ dưới đây vào trình duyệt web để đăng nhập:</translation>
    </message>
    <message>
        <source>Type the password of this account.</source>
        <translation>Hãy nhập mật khẩu của tài khoản này.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Hãy nhập mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
</context>
<context>
    <name>mts::SyncEngine</name>
    <message>
        <source>Another sync of this account is running (in the application or the command line). This one will start when it ends; try again later.</source>
        <translation>Một lần đồng bộ khác của tài khoản này đang chạy (trong ứng dụng hoặc dòng lệnh). Hãy thử lại sau khi lần đó kết thúc.</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Đã hủy đồng bộ.</translation>
    </message>
    <message>
        <source>The local data cannot be read: %1</source>
        <translation>Không đọc được dữ liệu trên máy: %1</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again when the connection is back; your changes stay on this computer until then.</source>
        <translation>Bạn chưa đăng nhập trực tuyến. Hãy đăng nhập lại khi có kết nối; các thay đổi của bạn vẫn được giữ trên máy này.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload is not understood. Update the application or tell the administrator.</source>
        <translation>Không hiểu được phản hồi của máy chủ khi gửi dữ liệu. Hãy cập nhật ứng dụng hoặc báo quản trị viên.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload does not match what was sent: %1</source>
        <translation>Phản hồi của máy chủ không khớp với dữ liệu đã gửi: %1</translation>
    </message>
    <message>
        <source>The local data cannot be saved: %1</source>
        <translation>Không lưu được dữ liệu trên máy: %1</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again; your changes stay on this computer.</source>
        <translation>Máy chủ không còn chấp nhận phiên đăng nhập của bạn. Hãy đăng nhập lại; các thay đổi vẫn được giữ trên máy này.</translation>
    </message>
    <message>
        <source>The server still refuses the time of your changes. Check the date, time and time zone of this computer.</source>
        <translation>Máy chủ vẫn từ chối thời gian của các thay đổi. Hãy kiểm tra ngày, giờ và múi giờ của máy tính này.</translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s clock is wrong by about %n minute(s). The server&apos;s time is used for your changes; please set the date, time and time zone of this computer.</source>
        <translation>
            <numerusform>Đồng hồ của máy tính này lệch khoảng %n phút. Thời gian của máy chủ được dùng cho các thay đổi; hãy chỉnh lại ngày, giờ và múi giờ của máy tính.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the upload (%1: %2). Tell the administrator.</source>
        <translation>Máy chủ từ chối dữ liệu gửi lên (%1: %2). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again when the connection is back.</source>
        <translation>Bạn chưa đăng nhập trực tuyến. Hãy đăng nhập lại khi có kết nối.</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again.</source>
        <translation>Máy chủ không còn chấp nhận phiên đăng nhập của bạn. Hãy đăng nhập lại.</translation>
    </message>
    <message>
        <source>The server refused the download (%1: %2). Tell the administrator.</source>
        <translation>Máy chủ từ chối việc tải dữ liệu về (%1: %2). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the download is not understood. Update the application or tell the administrator.</source>
        <translation>Không hiểu được phản hồi của máy chủ khi tải dữ liệu về. Hãy cập nhật ứng dụng hoặc báo quản trị viên.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Your changes stay on this computer; the next sync sends them.</source>
        <translation>Không kết nối được máy chủ (%1). Các thay đổi vẫn được giữ trên máy này và sẽ được gửi ở lần đồng bộ sau.</translation>
    </message>
    <message>
        <source>The file %1 attached to this record could not be sent (%2). Attach a smaller file or remove it from the record, then resend.</source>
        <translation>Không gửi được tệp %1 đính kèm bản ghi này (%2). Hãy đính kèm tệp nhỏ hơn hoặc gỡ tệp khỏi bản ghi, rồi gửi lại.</translation>
    </message>
    <message>
        <source>The server still lacks the file %1 attached to this record after it was sent. Tell the administrator.</source>
        <translation>Máy chủ vẫn chưa có tệp %1 đính kèm bản ghi này dù tệp đã được gửi. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The file %1 attached to this record is missing on this computer, and the server does not have it. Attach the file again (on the computer that has it) or remove it from the record, then resend.</source>
        <translation>Tệp %1 đính kèm bản ghi này không có trên máy này và máy chủ cũng chưa có. Hãy đính kèm lại tệp (trên máy có tệp) hoặc gỡ tệp khỏi bản ghi, rồi gửi lại.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Đã hủy tải xuống.</translation>
    </message>
    <message>
        <source>Files cannot be kept for this account on this computer. Sign in to the account again.</source>
        <translation>Không thể lưu tệp của tài khoản này trên máy này. Hãy đăng nhập lại tài khoản.</translation>
    </message>
    <message>
        <source>The record names its file wrongly, so it cannot be downloaded. Tell the administrator.</source>
        <translation>Bản ghi ghi sai mã tệp nên không tải được tệp. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again to download this file.</source>
        <translation>Bạn chưa đăng nhập trực tuyến. Hãy đăng nhập lại để tải tệp này.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Open the file again later; what was downloaded is kept.</source>
        <translation>Không kết nối được máy chủ (%1). Hãy mở lại tệp sau; phần đã tải được giữ lại.</translation>
    </message>
    <message>
        <source>The file is not on the server, or your account may not read it.</source>
        <translation>Tệp không có trên máy chủ, hoặc tài khoản của bạn không có quyền đọc tệp này.</translation>
    </message>
    <message>
        <source>The server refused the file (%1). Tell the administrator.</source>
        <translation>Máy chủ từ chối tệp (%1). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The file cannot be saved on this computer: %1</source>
        <translation>Không lưu được tệp trên máy này: %1</translation>
    </message>
    <message>
        <source>The downloaded file does not match its fingerprint and was dropped. Try again; if it happens again, tell the administrator.</source>
        <translation>Tệp tải về không khớp với mã kiểm tra nên đã bị bỏ. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.</translation>
    </message>
</context>
</TS>
